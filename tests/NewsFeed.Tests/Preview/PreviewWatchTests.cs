using System.Net;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Preview;

/// <summary>
/// Preview over a real file watcher: an editor saves, deletes or breaks a seed file, and the pages and the problems
/// page show it within moments, without a restart.
/// </summary>
public sealed class PreviewWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(NewsFeedApp app, string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Task PageShowsAsync(NewsFeedApp app, string url, string text) =>
        Eventually.HoldsAsync(async () => await GetAsync(app, url) is (HttpStatusCode.OK, var html) && html.Contains(text, StringComparison.Ordinal),
            $"{url} shows '{text}'");

    private static Task AnswersAsync(NewsFeedApp app, string url, HttpStatusCode status) =>
        Eventually.HoldsAsync(async () => (await GetAsync(app, url)).Status == status, $"{url} answers {(int)status}");

    private static NewsFeedApp Watching(SeedFolder seeds)
    {
        var app = new NewsFeedApp(seeds).InPreview(watch: true);
        _ = app.Services;
        return app;
    }

    [Fact]
    public async Task A_new_file_appears_on_the_feed_and_at_its_address()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("First").WithSlug("first"));
        using var app = Watching(seeds);

        seeds.With(new MarkdownArticle("Second story").WithSlug("second").WithBody("Fresh from the editor."));

        await PageShowsAsync(app, "/articles/second", "Fresh from the editor.");
        await PageShowsAsync(app, "/", "Second story");
        Assert.Equal(SeedFileState.Imported, app.LastImport.Files.Single(f => f.Path == "second.md").State);
    }

    [Fact]
    public async Task A_changed_file_shows_its_new_text()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        using var app = Watching(seeds);

        seeds.With(new MarkdownArticle("Story, revised").WithSlug("story").WithBody("Second version."));

        await PageShowsAsync(app, "/articles/story", "Second version.");
        await PageShowsAsync(app, "/", "Story, revised");
    }

    [Fact]
    public async Task A_broken_save_keeps_the_last_good_version_and_the_problems_page_and_bar_say_so()
    {
        // A draft: its rewrite is no stealth edit of a published article (StealthEditTests), only the save this test is about.
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").AsDraft().WithBody("Good text."));
        using var app = Watching(seeds);

        seeds.Write("story.md", "---\nheadline: Story\nslug: story\ndraft: yes\n---\nTypo version.\n");

        await Eventually.HoldsAsync(() => app.LastImport.Files.Single(f => f.Path == "story.md").State == SeedFileState.Skipped,
            "story.md is reported skipped");
        var article = await app.GetPageAsync("/articles/story");
        Assert.Equal("Good text.", article.One(".story-body p").Text());
        Assert.Equal("story.md is broken: the site still shows its last good version.", article.One(".preview-bar .preview-kept").Text());

        var problems = await app.GetPageAsync("/_preview/problems");
        var file = problems.One(".seed-file[data-path='story.md']");
        Assert.Equal("skipped", file.One(".seed-state").Text());
        Assert.Equal("story.md:4:8", file.One(".seed-error .seed-location").Text());
        Assert.Equal("draft: 'yes' is not true or false", file.One(".seed-error .seed-message").Text());
        Assert.Equal("/articles/story", file.One("a.seed-article").GetAttribute("href"));

        // Fixed again: the problem goes, the new text shows.
        seeds.With(new MarkdownArticle("Story").WithSlug("story").AsDraft().WithBody("Fixed text."));
        await PageShowsAsync(app, "/articles/story", "Fixed text.");
        // The import's report follows its commit by a moment (the store's after-import upkeep runs between them).
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/story")).QuerySelectorAll(".preview-bar").Length == 0,
            "the problems bar goes once the fixed save's report is in");
    }

    [Fact]
    public async Task A_deleted_file_removes_its_article()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Gone soon").WithSlug("gone")).With(new MarkdownArticle("Stays").WithSlug("stays"));
        using var app = Watching(seeds);

        seeds.Delete("gone.md");

        await AnswersAsync(app, "/articles/gone", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, "/articles/stays")).Status);
        Assert.DoesNotContain(app.LastImport.Files, f => f.Path == "gone.md");
        Assert.DoesNotContain("Gone soon", (await GetAsync(app, "/")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sidecar_change_reimports_its_page()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        using var app = Watching(seeds);
        var url = $"/articles/{Pages.ArticlePageTests.OriginalSlug}";
        Assert.Equal("News", (await app.GetPageAsync(url)).One(".story-section").Text());

        seeds.Write(RepoPaths.OriginalName + ".yml", "published: 2025-09-15\nsection: Analysis\ntags: [Kupiansk]\n");

        await Eventually.HoldsAsync(async () => (await app.GetPageAsync(url)).One(".story-section").Text() == "Analysis", "the sidecar's section shows");
        Assert.Equal(["Kupiansk"], (await app.GetPageAsync(url)).QuerySelectorAll(".story-tags li").Select(li => li.Text()));
    }

    [Fact]
    public async Task An_author_file_change_updates_the_author()
    {
        using var seeds = SeedFolder.Create()
            .Write("authors/jane.md", "---\nname: Jane Doe\njob_title: Reporter\n---\nJane writes.\n")
            .With(new MarkdownArticle("Story").WithSlug("story").By("jane"));
        using var app = Watching(seeds);

        seeds.Write("authors/jane.md", "---\nname: Jane Doe\njob_title: Editor\n---\nJane edits now.\n");

        // A page made while the file was half written may have no job title at all: that is not yet the new one.
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/story")).QuerySelector(".byline-title")?.Text() == "Editor", "the new job title shows");
        Assert.Equal("Jane edits now.", (await app.GetPageAsync("/articles/story")).One(".author-bio").Text());
    }

    [Fact]
    public async Task An_atomic_save_that_renames_a_temporary_file_over_the_seed_is_picked_up()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("Before."));
        using var app = Watching(seeds);

        seeds.Write("story.md.tmp", new MarkdownArticle("Story").WithSlug("story").WithBody("After the rename.").ToString());
        File.Move(seeds.PathOf("story.md.tmp"), seeds.PathOf("story.md"), overwrite: true);

        await PageShowsAsync(app, "/articles/story", "After the rename.");
        Assert.DoesNotContain(app.LastImport.Files, f => f.Path.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_file_in_a_new_folder_is_picked_up()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("First").WithSlug("first"));
        using var app = Watching(seeds);

        seeds.Write("guides/2025/how-to.md", new MarkdownArticle("How to").WithSlug("how-to").WithBody("Nested deep.").ToString());

        await PageShowsAsync(app, "/articles/how-to", "Nested deep.");
    }
}
