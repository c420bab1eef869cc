using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Preview;

/// <summary>
/// What a save did, told where the editor looks: a save that fails, for whatever reason, is on the problems page in
/// the words <c>check</c> uses (and the open article keeps its last good version); a save that goes through says
/// which parts of the site it changed.
/// </summary>
public sealed class PreviewSaveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (NewsFeedApp App, DrivenWatcher Watcher) Driven(SeedFolder seeds)
    {
        var watcher = new DrivenWatcher();
        var app = new NewsFeedApp(seeds).InPreview(watch: true)
            .WithSetting("NewsFeed:Preview:DebounceMilliseconds", "50")
            .WithServices(services => services.AddSingleton<ISeedWatcher>(watcher));
        _ = app.Services;
        return (app, watcher);
    }

    /// <summary>The problems page's lines, as check prints them: <c>path:line:col: severity: message</c>.</summary>
    private static async Task<List<string>> ProblemsPageAsync(NewsFeedApp app) =>
        [.. (await app.GetPageAsync(PreviewBar.ProblemsUrl)).QuerySelectorAll(".seed-problem").Select(p =>
            $"{p.One(".seed-location").Text()}: {p.One(".seed-severity").Text()}: {p.One(".seed-message").Text()}")];

    [Fact]
    public async Task A_broken_save_is_on_the_problems_page_exactly_as_check_prints_it_and_the_article_stays()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Transit plan").WithSlug("transit-plan").WithBody("First version."));
        var (app, watcher) = Driven(seeds);
        using var _ = app;

        seeds.Write("transit-plan.md", "---\nheadline: Transit plan\nslug: transit-plan\ntags: [transit, city-hall\npublished: 2025-01-01\n---\nSecond version.\n");
        watcher.Report("transit-plan.md");

        await Eventually.HoldsAsync(async () => (await ProblemsPageAsync(app)).Count > 0, "the problem shows");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new SeedCheckCommand(output, error).RunAsync(["--seeds", seeds.Root], new SeedOptions(), Ct);
        var checkLines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith(seeds.Root + "/", StringComparison.Ordinal))
            .Select(l => l[(seeds.Root.Length + 1)..].TrimEnd())
            .ToList();

        Assert.Equal(SeedCheckCommand.HasErrors, exit);
        Assert.Equal(checkLines, await ProblemsPageAsync(app));
        Assert.Contains("front matter could not be parsed near line", checkLines.Single(), StringComparison.Ordinal);
        Assert.Equal("First version.", (await app.GetPageAsync("/articles/transit-plan")).One(".story-body p").Text());
    }

    [Fact]
    public async Task A_save_says_which_parts_of_the_site_it_changed()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Transit plan").WithSlug("transit-plan").Tagged("transit").WithBody("First version."))
            .With(new MarkdownArticle("Parks plan").WithSlug("parks-plan").Tagged("parks"));
        var (app, watcher) = Driven(seeds);
        using var _ = app;
        // The startup import is not a save: nothing to say yet.
        Assert.Null((await app.GetPageAsync("/articles/parks-plan")).QuerySelector(".preview-impact"));

        seeds.With(new MarkdownArticle("Transit plan").WithSlug("transit-plan").Tagged("transit").WithBody("Second version."));
        watcher.Report("transit-plan.md");
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/transit-plan")).One(".story-body p").Text() == "Second version.", "the save shows");

        // The save's text is in the store a moment before its change is published (the listings and search index take
        // it first), so the impact line may follow the text by that moment.
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/parks-plan")).QuerySelector(".preview-impact") is not null, "the save's impact shows");
        var impact = (await app.GetPageAsync("/articles/parks-plan")).One(".preview-impact").Text();
        Assert.Contains("/articles/transit-plan", impact, StringComparison.Ordinal);
        Assert.Contains("search results", impact, StringComparison.Ordinal);
        // A body edit moves no listing: the front page's order and the tag's pages are as they were.
        Assert.DoesNotContain("front page", impact, StringComparison.Ordinal);
        Assert.DoesNotContain("tag transit", impact, StringComparison.Ordinal);

        seeds.With(new MarkdownArticle("Transit plan").WithSlug("transit-plan").Tagged("parks").WithBody("Second version."));
        watcher.Report("transit-plan.md");
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/parks-plan")).One(".preview-impact").Text().Contains("tag parks", StringComparison.Ordinal),
            "the retag's impact shows");
        var retag = (await app.GetPageAsync("/articles/parks-plan")).One(".preview-impact").Text();
        Assert.Contains("tag transit", retag, StringComparison.Ordinal);
        // Its date did not move: the front page lists it where it did.
        Assert.DoesNotContain("front page", retag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_the_import_cannot_take_is_on_the_problems_bar_and_the_next_save_recovers()
    {
        // A draft: its rewrite is no stealth edit of a published article (StealthEditTests), only the save this test is about.
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Budget").WithSlug("budget").AsDraft().WithBody("First version."));
        var (app, watcher) = Driven(seeds);
        using var _ = app;
        var moved = seeds.Root + "-moved";

        // The folder vanishes under the watcher (an unmounted volume, a branch switch that removes it).
        Directory.Move(seeds.Root, moved);
        try
        {
            watcher.Report("budget.md");
            await Eventually.HoldsAsync(async () => (await ProblemsPageAsync(app)).Any(p =>
                p.StartsWith("budget.md:0:0: error: this save could not be imported (SeedsFolderMissingException", StringComparison.Ordinal)),
                "the failed import is on the problems page");
            var bar = (await app.GetPageAsync("/articles/budget")).QuerySelector(".preview-bar");
            Assert.NotNull(bar);
            Assert.Contains("1 error", bar.TextContent, StringComparison.Ordinal);
            Assert.Equal("First version.", (await app.GetPageAsync("/articles/budget")).One(".story-body p").Text());
        }
        finally
        {
            Directory.Move(moved, seeds.Root);
        }

        seeds.With(new MarkdownArticle("Budget").WithSlug("budget").AsDraft().WithBody("Second version."));
        watcher.Report("budget.md");
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/budget")).One(".story-body p").Text() == "Second version.", "the next save shows");
        // The article's page is made again as the import publishes; the problems page may follow a moment later.
        await Eventually.HoldsAsync(async () => (await ProblemsPageAsync(app)).Count == 0, "the failed save's error is gone from the problems page");
    }
}
