using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;
using Serilog.Events;

namespace NewsFeed.Tests.Seeding;

/// <summary>The startup import through the real app: bad files lose nothing, restarts pick up edits.</summary>
public sealed class ImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> StatusAsync(NewsFeedApp app, string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_broken_file_is_logged_with_its_path_and_skipped_while_good_files_are_served()
    {
        using var seeds = SeedFolder.Create()
            .WithOriginal()
            .With(new MarkdownArticle("Good one"))
            .Write("broken.md", "---\nheadline: Broken\npublished: 03/04/2025\n---\nBody.\n");
        using var app = new NewsFeedApp(seeds);

        var feed = await app.GetPageAsync("/");

        Assert.Equal(2, feed.QuerySelectorAll(".card").Length);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/articles/good-one"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/articles/broken"));

        var logged = Assert.Single(app.Logs.WithProperty("SeedPath", "broken.md"));
        Assert.Equal(LogEventLevel.Error, logged.Level);
        Assert.Equal("3", logged.Properties["Line"].ToString());
        Assert.StartsWith("\"published: '03/04/2025' is not a date", logged.Properties["Problem"].ToString(), StringComparison.Ordinal);

        var report = app.LastImport;
        Assert.Equal((3, 2, 1), (report.FilesSeen, report.Imported, report.Skipped));
        Assert.Equal(SeedFileState.Skipped, report.Files.Single(f => f.Path == "broken.md").State);
    }

    [Fact]
    public void The_import_logs_one_summary_record()
    {
        using var seeds = SeedFolder.Create().WithOriginal().Write("bad.md", "no front matter");
        using var app = new NewsFeedApp(seeds);
        _ = app.Services;

        var summary = Assert.Single(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Seed import of", StringComparison.Ordinal));
        Assert.Equal("2", summary.Properties["FilesSeen"].ToString());
        Assert.Equal("1", summary.Properties["Imported"].ToString());
        Assert.Equal("1", summary.Properties["Skipped"].ToString());
        Assert.Equal("1", summary.Properties["Problems"].ToString());
        Assert.True(summary.Properties.ContainsKey("ElapsedMs"));
    }

    [Fact]
    public async Task An_edited_file_is_picked_up_on_restart_and_unchanged_files_are_skipped()
    {
        using var seeds = SeedFolder.Create().WithOriginal().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        using (var first = new NewsFeedApp(seeds))
        {
            Assert.Equal("First version.", (await first.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }

        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Second version."));
        using var second = new NewsFeedApp(seeds);

        Assert.Equal("Second version.", (await second.GetPageAsync("/articles/story")).One(".story-body p").Text());
        Assert.Equal((1, 1), (second.LastImport.Imported, second.LastImport.Unchanged));
        Assert.Equal(SeedFileState.Unchanged, second.LastImport.Files.Single(f => f.Path == RepoPaths.OriginalName).State);
    }

    [Fact]
    public async Task Only_a_restart_on_a_store_with_content_serves_before_its_import_is_done()
    {
        const string Serving = "serving it while the startup import checks";
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        using (var first = new NewsFeedApp(seeds))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/articles/story"));
            Assert.DoesNotContain(first.Logs.Events, e => e.RenderMessage(CultureInfo.InvariantCulture).Contains(Serving, StringComparison.Ordinal));
        }

        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Second version."));
        using var second = new NewsFeedApp(seeds);
        Assert.Equal("Second version.", (await second.GetPageAsync("/articles/story")).One(".story-body p").Text());
        Assert.Contains(second.Logs.Events, e => e.RenderMessage(CultureInfo.InvariantCulture).Contains(Serving, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restart_with_nothing_changed_serves_every_article_whole()
    {
        // Unchanged files are not rendered again on restart: what the store holds must be what readers get.
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("Kept *body*."))
            .With(new MarkdownArticle("Other").WithSlug("other").WithBody("Other body."));
        using (var first = new NewsFeedApp(seeds))
        {
            Assert.Equal("Kept body.", (await first.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }

        using (var second = new NewsFeedApp(seeds))
        {
            Assert.Equal((0, 2), (second.LastImport.Imported, second.LastImport.Unchanged));
            Assert.Equal("Kept body.", (await second.GetPageAsync("/articles/story")).One(".story-body p").Text());
            Assert.Contains("Kept body.", (await second.GetPageAsync("/search?q=kept")).Body!.TextContent, StringComparison.Ordinal);

            // A change after such a restart is imported whole, and the others stay as they were.
            seeds.With(new MarkdownArticle("Other").WithSlug("other").WithBody("Changed body."));
            await second.Services.GetRequiredService<SeedImport>().ImportChangesAsync(["other.md"], Ct);
            Assert.Equal("Changed body.", (await second.GetPageAsync("/articles/other")).One(".story-body p").Text());
            Assert.Equal("Kept body.", (await second.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }
    }

    [Fact]
    public async Task A_file_that_breaks_keeps_its_last_good_version_on_the_site()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("Good text."));
        using (var first = new NewsFeedApp(seeds))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/articles/story"));
        }

        seeds.Write("story.md", "---\nheadline: Story\nslug: story\ndraft: yes\n---\nTypo version.\n");
        using var second = new NewsFeedApp(seeds);

        Assert.Equal("Good text.", (await second.GetPageAsync("/articles/story")).One(".story-body p").Text());
        Assert.Equal(SeedFileState.Skipped, Assert.Single(second.LastImport.Files).State);
    }

    [Fact]
    public async Task A_deleted_file_is_removed_from_the_site_on_restart()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Gone soon").WithSlug("gone")).With(new MarkdownArticle("Stays").WithSlug("stays"));
        using (var first = new NewsFeedApp(seeds))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/articles/gone"));
        }

        seeds.Delete("gone.md");
        using var second = new NewsFeedApp(seeds);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(second, "/articles/gone"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "/articles/stays"));
        Assert.Equal(1, second.LastImport.Deleted);
    }

    [Fact]
    public async Task A_deleted_database_is_rebuilt_from_seeds()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        string databasePath;
        using (var first = new NewsFeedApp(seeds))
        {
            databasePath = first.DatabasePath;
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, $"/articles/{Pages.ArticlePageTests.OriginalSlug}"));
        }

        TestStore.Delete(databasePath);
        using var second = new NewsFeedApp(seeds);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, $"/articles/{Pages.ArticlePageTests.OriginalSlug}"));
        Assert.True(TestStore.Exists(databasePath));
        Assert.Equal(1, second.LastImport.Imported);
    }

    [Fact]
    public async Task A_store_with_another_schema_is_rebuilt()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        string databasePath;
        using (var first = new NewsFeedApp(seeds))
        {
            databasePath = first.DatabasePath;
            _ = first.Services;
        }

        // What an older build would have left: a different fingerprint and a table the model no longer has.
        await TestStore.ExecuteAsync(databasePath,
            "UPDATE \"StoreInfo\" SET \"Value\" = 'old' WHERE \"Key\" IN ('schema', 'build'); CREATE TABLE \"Leftover\" (\"Id\" INTEGER);");

        using var second = new NewsFeedApp(seeds);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, $"/articles/{Pages.ArticlePageTests.OriginalSlug}"));
        Assert.Contains(second.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Store schema changed", StringComparison.Ordinal));
        Assert.False(await TestStore.TableExistsAsync(databasePath, "Leftover"));
    }

    [Fact]
    public async Task A_store_left_by_another_build_with_the_same_schema_is_kept_and_restamped()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        string databasePath;
        using (var first = new NewsFeedApp(seeds))
        {
            databasePath = first.DatabasePath;
            _ = first.Services;
        }

        Task<object?> StampAsync() => TestStore.ScalarAsync(databasePath, "SELECT \"Value\" FROM \"StoreInfo\" WHERE \"Key\" = 'build'");

        var stamp = await StampAsync();
        await TestStore.ExecuteAsync(databasePath, "UPDATE \"StoreInfo\" SET \"Value\" = 'another build' WHERE \"Key\" = 'build'");

        using (var second = new NewsFeedApp(seeds))
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, $"/articles/{Pages.ArticlePageTests.OriginalSlug}"));
            Assert.DoesNotContain(second.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Store schema changed", StringComparison.Ordinal));
            Assert.Equal(1, second.LastImport.Unchanged);
        }

        Assert.Equal(stamp, await StampAsync());
    }

    [Fact]
    public void A_missing_seeds_folder_stops_startup_with_a_message_naming_the_path()
    {
        using var seeds = SeedFolder.Create();
        Directory.Delete(seeds.Root);
        using var app = new NewsFeedApp(seeds);

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var missing = Assert.IsType<SeedsFolderMissingException>(error is AggregateException a ? a.InnerExceptions.Single() : error);
        Assert.Contains(seeds.Root, missing.Message, StringComparison.Ordinal);
        Assert.Contains("NewsFeed:SeedsPath", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_author_file_wins_over_the_author_block_of_a_text_page()
    {
        using var seeds = SeedFolder.Create().WithOriginal()
            .Write("authors/dmytro-basmat.md", "---\nname: Dmytro Basmat\njob_title: Editor from the file\n---\nBio from the file.\n");
        using var app = new NewsFeedApp(seeds);

        var page = await app.GetPageAsync($"/articles/{Pages.ArticlePageTests.OriginalSlug}");

        Assert.Equal("Editor from the file", page.One(".author-card .author-title").Text());
        Assert.Equal("Bio from the file.", page.One(".author-card .author-bio").Text());
    }

    [Fact]
    public void Every_seed_problem_gets_its_own_log_record()
    {
        using var seeds = SeedFolder.Create()
            .Write("a.md", "---\nheadline: A\npublished: 2025-01-01\nunknown: 1\n---\nBody.\n")
            .Write("b.md", "---\nheadline: B\ndraft: no\n---\nBody.\n");
        using var app = new NewsFeedApp(seeds);
        _ = app.Services;

        var a = Assert.Single(app.Logs.WithProperty("SeedPath", "a.md"));
        Assert.Equal(LogEventLevel.Warning, a.Level);
        Assert.Equal("4", a.Properties["Line"].ToString());
        Assert.Contains(app.Logs.WithProperty("SeedPath", "b.md"), e => e.Level == LogEventLevel.Error);
    }
}
