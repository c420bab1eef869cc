using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Tests.Support;
using Npgsql;

namespace NewsFeed.Tests.Data;

/// <summary>
/// The PostgreSQL store itself. Every test here is SKIPPED unless NEWSFEED_TEST_POSTGRES holds a PostgreSQL server
/// connection string (e.g. "Host=127.0.0.1;Port=5432;Username=newsfeed;Password=...", a user who may create
/// databases); .ci/run starts a server and sets it. The rest of the suite runs on PostgreSQL too when it is set.
/// </summary>
public sealed class PostgresStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void RequirePostgres() =>
        Assert.SkipUnless(TestStore.IsPostgres, $"PostgreSQL only: set {TestStore.Variable} to a server connection string to run it");

    private static async Task<T> ScalarAsync<T>(NewsFeedApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(TestStore.ConnectionString(app.DatabasePath));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task The_search_table_holds_each_articles_text_and_goes_with_the_article()
    {
        RequirePostgres();
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Harbour").WithSlug("harbour").WithBody("A <script> sign by the water."))
            .With(new MarkdownArticle("Bridge").WithSlug("bridge"));
        using var app = new NewsFeedApp(seeds);
        _ = app.Services;

        Assert.Equal("A <script> sign by the water.", (await ScalarAsync<string>(app,
            "SELECT s.\"Body\" FROM \"ArticleSearch\" s JOIN \"Articles\" a ON a.\"Id\" = s.\"Id\" WHERE a.\"Slug\" = 'harbour'")).Trim());
        await ScalarAsync<int>(app, "DELETE FROM \"Articles\" WHERE \"Slug\" = 'bridge' RETURNING 1");
        Assert.Equal(1L, await ScalarAsync<long>(app, "SELECT count(*) FROM \"ArticleSearch\""));
    }

    [Fact]
    public async Task Times_are_timestamptz_and_text_columns_use_collation_C()
    {
        RequirePostgres();
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        using var app = new NewsFeedApp(seeds);
        _ = app.Services;

        Assert.Equal("timestamp with time zone", await ScalarAsync<string>(app,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'Articles' AND column_name = 'PublishedUtc'"));
        Assert.Equal(0L, await ScalarAsync<long>(app, """
            SELECT count(*) FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'ArticleSearch'
              AND data_type IN ('text', 'character varying') AND coalesce(collation_name, '') <> 'C'
            """));
    }

    [Fact]
    public async Task A_missing_database_is_created_by_the_app()
    {
        RequirePostgres();
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        var databasePath = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "never-created", "newsfeed.db");
        seeds.DeleteWithFolder(databasePath);
        using var app = new NewsFeedApp(seeds)
            .WithSetting("ConnectionStrings:NewsFeed", TestStore.ConnectionString(databasePath));

        Assert.Equal("Story", (await app.GetPageAsync("/articles/story")).One("h1").Text());
        Assert.True(TestStore.Exists(databasePath));
    }

    [Fact]
    public async Task A_database_holding_tables_of_something_else_is_never_dropped()
    {
        RequirePostgres();
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        using (var first = new NewsFeedApp(seeds))
        {
            _ = first.Services;
        }

        await TestStore.ExecuteAsync(Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db"),
            "DROP TABLE \"StoreInfo\"; CREATE TABLE \"Customers\" (\"Id\" integer);");
        using var app = new NewsFeedApp(seeds);

        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("not a NewsFeed store", (error is AggregateException a ? a.InnerExceptions.Single() : error).Message, StringComparison.Ordinal);
        Assert.True(await TestStore.TableExistsAsync(app.DatabasePath, "Customers"));
    }

    [Fact]
    public async Task Two_instances_on_one_database_serve_the_same_content()
    {
        RequirePostgres();
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("Shared text."));
        using var first = new NewsFeedApp(seeds);
        _ = first.Services;
        using var second = new NewsFeedApp(seeds);

        Assert.Equal("Shared text.", (await second.GetPageAsync("/articles/story")).One(".story-body p").Text());
        Assert.Equal((0, 1), (second.LastImport.Imported, second.LastImport.Unchanged));
        using var client = first.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=shared", Ct)).StatusCode);
    }

    [Fact]
    public async Task Instances_starting_together_on_a_new_store_create_and_import_it_once()
    {
        RequirePostgres();
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("Shared text."));
        var databasePath = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "shared", "newsfeed.db");
        seeds.DeleteWithFolder(databasePath);
        var apps = Enumerable.Range(0, 3)
            .Select(_ => new NewsFeedApp(seeds).WithSetting("ConnectionStrings:NewsFeed", TestStore.ConnectionString(databasePath)))
            .ToList();
        try
        {
            // No database yet: all three create it, its tables and its content at the same moment.
            await Task.WhenAll(apps.Select(app => Task.Run(() => app.Services, Ct)));

            Assert.Equal([1, 0, 0], apps.Select(app => app.LastImport.Imported).Order().Reverse());
            foreach (var app in apps)
            {
                Assert.Equal("Shared text.", (await app.GetPageAsync("/articles/story")).One(".story-body p").Text());
            }
        }
        finally
        {
            apps.ForEach(app => app.Dispose());
        }
    }
}
