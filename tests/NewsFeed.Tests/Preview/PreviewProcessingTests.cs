using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Preview;

/// <summary>
/// How preview handles the events an editor's save produces, with a watcher the test drives: only the named files are
/// read, bursts coalesce, junk is ignored, a file still being written waits, lost events read everything again.
/// </summary>
public sealed class PreviewProcessingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (NewsFeedApp App, DrivenWatcher Watcher) Driven(SeedFolder seeds, int debounceMilliseconds = 150)
    {
        var watcher = new DrivenWatcher();
        var app = new NewsFeedApp(seeds).InPreview(watch: true)
            .WithSetting("NewsFeed:Preview:DebounceMilliseconds", debounceMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithServices(services => services.AddSingleton<ISeedWatcher>(watcher));
        _ = app.Services;
        Assert.True(watcher.IsWatching);
        return (app, watcher);
    }

    /// <summary>The changes published to open pages from now on (per app, unlike log records: Serilog's static logger is shared).</summary>
    private static PreviewChanges.Subscription Changes(NewsFeedApp app) => app.Services.GetRequiredService<PreviewChanges>().Subscribe();

    private static List<PreviewChange> Drain(PreviewChanges.Subscription subscription)
    {
        var changes = new List<PreviewChange>();
        while (subscription.Changes.TryRead(out var change))
        {
            changes.Add(change);
        }

        return changes;
    }

    /// <summary>
    /// Drains until a change matching <paramref name="last"/> arrives. The import is visible (pages, LastImport) a
    /// moment before its change is published, so a test that drains right after seeing the import can miss it.
    /// </summary>
    private static async Task<List<PreviewChange>> ChangesUntilAsync(PreviewChanges.Subscription subscription, Func<PreviewChange, bool> last, string what)
    {
        var changes = new List<PreviewChange>();
        await Eventually.HoldsAsync(() =>
        {
            changes.AddRange(Drain(subscription));
            return changes.Any(last);
        }, what);
        return changes;
    }

    private static async Task<string> BodyAsync(NewsFeedApp app, string slug) =>
        (await app.GetPageAsync($"/articles/{slug}")).One(".story-body p").Text();

    private static async Task<HttpStatusCode> StatusAsync(NewsFeedApp app, string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Only_the_reported_file_is_read_again()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("One").WithSlug("one").WithBody("One, first."))
            .With(new MarkdownArticle("Two").WithSlug("two").WithBody("Two, first."));
        var (app, watcher) = Driven(seeds);
        using var _ = app;

        seeds.With(new MarkdownArticle("One").WithSlug("one").WithBody("One, second."));
        seeds.With(new MarkdownArticle("Two").WithSlug("two").WithBody("Two, second."));
        watcher.Report("one.md");

        await Eventually.HoldsAsync(async () => await BodyAsync(app, "one") == "One, second.", "one.md's new text shows");
        Assert.Equal("Two, first.", await BodyAsync(app, "two"));
        Assert.Equal(SeedFileState.Unchanged, app.LastImport.Files.Single(f => f.Path == "two.md").State);
    }

    [Fact]
    public async Task A_burst_of_events_for_one_file_is_imported_once()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("Before."));
        var (app, watcher) = Driven(seeds, debounceMilliseconds: 400);
        using var _ = app;
        using var changes = Changes(app);

        // What one save can look like: the file written in pieces, an event for each, over a moment.
        for (var i = 1; i <= 6; i++)
        {
            seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody($"Version {i}."));
            watcher.Report("story.md");
            await Task.Delay(20, Ct);
        }

        await Eventually.HoldsAsync(async () => await BodyAsync(app, "story") == "Version 6.", "the last version shows");
        // Anything still queued for story.md would be due before a file reported now.
        seeds.With(new MarkdownArticle("Marker").WithSlug("marker"));
        watcher.Report("marker.md");
        var published = await ChangesUntilAsync(changes, c => c.Paths.Contains("marker.md"), "marker.md's change is published");

        Assert.Equal([["story.md"], ["marker.md"]], published.Select(c => c.Paths));
    }

    [Fact]
    public async Task Editor_junk_is_never_imported()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        var (app, watcher) = Driven(seeds);
        using var _ = app;

        foreach (var junk in new[] { "story.md.swp", ".story.md.swx", "story.md~", ".#story.md", "4913", ".DS_Store", "images/photo.jpg", ".git/index" })
        {
            seeds.Write(junk, "junk");
            watcher.Report(junk);
        }

        seeds.With(new MarkdownArticle("Marker").WithSlug("marker"));
        watcher.Report("marker.md");
        await Eventually.HoldsAsync(() => app.LastImport.Files.Any(f => f.Path == "marker.md"), "marker.md is imported");

        // The picture is no junk, and no seed: it is listed only for the warning that no article shows it.
        Assert.Equal(["images/photo.jpg", "marker.md", "story.md"], app.LastImport.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        var picture = Assert.Single(app.LastImport.Files, f => f.Path == "images/photo.jpg");
        Assert.Equal(SeedFileState.Ignored, picture.State);
        Assert.Contains("no article or author uses this picture", Assert.Single(picture.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_still_held_by_its_writer_is_read_once_it_is_released()
    {
        // A draft: its rewrite is no stealth edit of a published article (StealthEditTests), only the save this test is about.
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").AsDraft().WithBody("Before."));
        var (app, watcher) = Driven(seeds);
        using var _ = app;
        using var changes = Changes(app);

        var full = new MarkdownArticle("Story").WithSlug("story").AsDraft().WithBody("Written slowly, read whole.").ToString();
        using (var writer = new FileStream(seeds.PathOf("story.md"), FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = Encoding.UTF8.GetBytes(full);
            await writer.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), Ct);
            await writer.FlushAsync(Ct);
            watcher.Report("story.md");

            // Several debounce periods in which the half-written file must not be read.
            await Task.Delay(500, Ct);
            Assert.Empty(Drain(changes));
            Assert.Empty(app.LastImport.Files.Single(f => f.Path == "story.md").Problems);
            await writer.WriteAsync(bytes.AsMemory(bytes.Length / 2), Ct);
        }

        // No further event: the retry alone must read it, once.
        await Eventually.HoldsAsync(async () => await BodyAsync(app, "story") == "Written slowly, read whole.", "the whole file is imported");
        Assert.Single(await ChangesUntilAsync(changes, _ => true, "the import's change is published"));
        Assert.Empty(app.LastImport.Files.Single(f => f.Path == "story.md").Problems);
    }

    [Fact]
    public async Task Lost_events_read_the_whole_folder_again()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("One").WithSlug("one").WithBody("One, first."))
            .With(new MarkdownArticle("Two").WithSlug("two"));
        var (app, watcher) = Driven(seeds);
        using var _ = app;

        seeds.With(new MarkdownArticle("One").WithSlug("one").WithBody("One, second."));
        seeds.Delete("two.md");
        seeds.With(new MarkdownArticle("Three").WithSlug("three"));
        watcher.Report(null);

        await Eventually.HoldsAsync(async () => await StatusAsync(app, "/articles/three") == HttpStatusCode.OK, "three.md is imported");
        Assert.Equal("One, second.", await BodyAsync(app, "one"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/articles/two"));
    }

    [Fact]
    public async Task A_renamed_folder_moves_its_files_and_a_deleted_one_removes_them()
    {
        using var seeds = SeedFolder.Create()
            .Write("guides/a.md", new MarkdownArticle("A").WithSlug("guide-a").ToString())
            .Write("guides/b.md", new MarkdownArticle("B").WithSlug("guide-b").ToString())
            .With(new MarkdownArticle("Other").WithSlug("other"));
        var (app, watcher) = Driven(seeds);
        using var _ = app;

        Directory.Move(seeds.PathOf("guides"), seeds.PathOf("archive"));
        watcher.Report("guides");
        watcher.Report("archive");

        await Eventually.HoldsAsync(() => app.LastImport.Files.Any(f => f.Path == "archive/a.md"), "the moved files are imported");
        Assert.Equal(["archive/a.md", "archive/b.md", "other.md"], app.LastImport.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/articles/guide-a"));

        Directory.Delete(seeds.PathOf("archive"), recursive: true);
        watcher.Report("archive");

        await Eventually.HoldsAsync(async () => await StatusAsync(app, "/articles/guide-b") == HttpStatusCode.NotFound, "the folder's articles are gone");
        Assert.Equal(["other.md"], app.LastImport.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task A_new_file_that_takes_a_slug_is_validated_against_the_rest()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Original").WithSlug("story").WithBody("The original."));
        var (app, watcher) = Driven(seeds);
        using var _ = app;
        File.Move(seeds.PathOf("story.md"), seeds.PathOf("m-story.md"));
        watcher.Report("story.md");
        watcher.Report("m-story.md");
        await Eventually.HoldsAsync(() => app.LastImport.Files.Any(f => f.Path == "m-story.md"), "the rename is imported");

        // Sorts after m-story.md, so it is the duplicate; sorted before, it would win (as in a full import).
        seeds.Write("z-copy.md", new MarkdownArticle("Copy").WithSlug("story").WithBody("The copy.").ToString());
        watcher.Report("z-copy.md");

        await Eventually.HoldsAsync(() => app.LastImport.Files.Any(f => f.Path == "z-copy.md"), "z-copy.md is reported");
        var copy = app.LastImport.Files.Single(f => f.Path == "z-copy.md");
        Assert.Equal(SeedFileState.Skipped, copy.State);
        Assert.Contains("slug 'story' is already used by m-story.md", Assert.Single(copy.Problems).Message, StringComparison.Ordinal);
        Assert.Equal("The original.", await BodyAsync(app, "story"));
    }
}
