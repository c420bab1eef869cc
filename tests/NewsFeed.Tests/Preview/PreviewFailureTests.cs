using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Preview;

/// <summary>
/// A save that fails, for whatever reason, is on the problems page in the words <c>check</c> uses, and the open
/// article keeps its last good version.
/// </summary>
public sealed class PreviewFailureTests
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
    public async Task A_save_the_import_cannot_take_is_on_the_problems_bar_and_the_next_save_recovers()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Budget").WithSlug("budget").WithBody("First version."));
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

        seeds.With(new MarkdownArticle("Budget").WithSlug("budget").WithBody("Second version."));
        watcher.Report("budget.md");
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync("/articles/budget")).One(".story-body p").Text() == "Second version.", "the next save shows");
        Assert.Empty(await ProblemsPageAsync(app));
    }
}
