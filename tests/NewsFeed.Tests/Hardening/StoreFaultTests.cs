using System.Net;
using Microsoft.Data.Sqlite;
using NewsFeed.Tests.Support;
using Serilog.Events;

namespace NewsFeed.Tests.Hardening;

/// <summary>A store that refuses writes during an import: readers keep the last good content, and the next import recovers.</summary>
public sealed class StoreFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_locked_by_another_process_keeps_the_last_good_content_and_the_next_import_recovers()
    {
        TestStore.SkipOnPostgres("a file lock held by another process");
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        var databasePath = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db");
        using (var first = new NewsFeedApp(seeds, databasePath))
        {
            Assert.Equal("First version.", (await first.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }

        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Second version."));
        seeds.With(new MarkdownArticle("Added").WithSlug("added"));

        // Another process holds a write lock for the whole startup import.
        await using (var holder = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await holder.OpenAsync(Ct);
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync(Ct);
            }

            using var locked = new NewsFeedApp(seeds, databasePath)
                .WithSetting("ConnectionStrings:NewsFeed", $"Data Source={databasePath};Default Timeout=1");

            Assert.Equal("First version.", (await locked.GetPageAsync("/articles/story")).One(".story-body p").Text());
            using var client = locked.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/added", Ct)).StatusCode);
            var failure = Assert.Single(locked.Logs.Events, e => e.Level == LogEventLevel.Fatal);
            Assert.StartsWith("Seed import failed", failure.MessageTemplate.Text, StringComparison.Ordinal);
            Assert.Contains("locked", failure.Exception!.GetBaseException().Message, StringComparison.OrdinalIgnoreCase);
        }

        using var recovered = new NewsFeedApp(seeds, databasePath);
        Assert.Equal("Second version.", (await recovered.GetPageAsync("/articles/story")).One(".story-body p").Text());
        Assert.Equal("Added", (await recovered.GetPageAsync("/articles/added")).One("h1").Text());
    }

    [Fact]
    public async Task A_read_only_database_keeps_the_last_good_content_and_says_why()
    {
        TestStore.SkipOnPostgres("a database file opened read-only");
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        var databasePath = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db");
        using (var first = new NewsFeedApp(seeds, databasePath))
        {
            _ = first.Services;
        }

        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Second version."));
        // File permissions do not bind root (CI runs as root), so SQLite is told the file is read-only instead.
        using var readOnly = new NewsFeedApp(seeds, databasePath)
            .WithSetting("ConnectionStrings:NewsFeed", $"Data Source={databasePath};Mode=ReadOnly");

        Assert.Equal("First version.", (await readOnly.GetPageAsync("/articles/story")).One(".story-body p").Text());
        var failure = Assert.Single(readOnly.Logs.Events, e => e.Level == LogEventLevel.Fatal);
        Assert.Contains("readonly", failure.Exception!.GetBaseException().Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_missing_seeds_folder_at_runtime_keeps_the_content_served()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        using var app = new NewsFeedApp(seeds);
        Assert.Equal("Story", (await app.GetPageAsync("/articles/story")).One("h1").Text());

        Directory.Delete(seeds.Root, recursive: true);

        Assert.Equal("Story", (await app.GetPageAsync("/articles/story")).One("h1").Text());
        Assert.Equal("Story", (await app.GetPageAsync("/")).One(".card-headline a").Text());
    }

    [Fact]
    public async Task In_preview_a_vanished_seeds_folder_is_reported_and_the_content_stays()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        using var app = new NewsFeedApp(seeds).InPreview(watch: true);
        Assert.Equal("Story", (await app.GetPageAsync("/articles/story")).One("h1").Text());

        Directory.Delete(seeds.Root, recursive: true);

        await Eventually.HoldsAsync(
            () => app.Logs.Events.Any(e => e.Level >= LogEventLevel.Error && e.Exception is NewsFeed.Web.Seeding.SeedsFolderMissingException),
            "the watcher reports the missing seeds folder");
        Assert.Equal("Story", (await app.GetPageAsync("/articles/story")).One("h1").Text());
    }
}
