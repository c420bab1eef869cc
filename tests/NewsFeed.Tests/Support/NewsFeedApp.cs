using System.Collections.Concurrent;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsFeed.Web.Seeding;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace NewsFeed.Tests.Support;

/// <summary>
/// The real app over a seeds folder and a store the test owns: a SQLite file, or a PostgreSQL database named after
/// that file when the run is on PostgreSQL (<see cref="TestStore"/>). Only configuration is overridden, so the
/// real startup import runs exactly as in production.
/// </summary>
public sealed class NewsFeedApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    public NewsFeedApp(SeedFolder seeds, string? databasePath = null)
    {
        Seeds = seeds;
        DatabasePath = databasePath ?? Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db");
        seeds.DeleteWithFolder(DatabasePath);
    }

    public SeedFolder Seeds { get; }

    /// <summary>The SQLite file; on PostgreSQL, what names the database (<see cref="TestStore.DatabaseName"/>).</summary>
    public string DatabasePath { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>Where this host keeps its picture variants.</summary>
    public string ImageCachePath => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "image-cache");

    /// <summary>Another configuration value for this host, e.g. ("NewsFeed:MaxSeedFileBytes", "2048").</summary>
    public NewsFeedApp WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Preview mode on (tests run in Production, where it is off); <paramref name="watch"/> turns on the real file watcher.</summary>
    public NewsFeedApp InPreview(bool watch = false) =>
        WithSetting("NewsFeed:Preview", "true").WithSetting("NewsFeed:Preview:Watch", watch ? "true" : "false");

    /// <summary>Swaps a service, e.g. the file watcher for one the test drives.</summary>
    public NewsFeedApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public ImportReport LastImport => Services.GetRequiredService<SeedImportStatus>().Last
        ?? throw new InvalidOperationException("No import has run.");

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production: the error pages a reader sees, not the developer exception page.
        builder.UseEnvironment("Production");
        // The build's static web assets manifest: outside Development, an unpublished app finds wwwroot's files but not
        // their compressed variants, and answers a browser's "Accept-Encoding: br" with an empty 200 (no CSS, no JS).
        builder.UseStaticWebAssets();
        TestStore.EnsureCreated(DatabasePath);
        builder.UseSetting("NewsFeed:Database:Provider", TestStore.Provider);
        builder.UseSetting("ConnectionStrings:NewsFeed", TestStore.ConnectionString(DatabasePath));
        builder.UseSetting("NewsFeed:SeedsPath", Seeds.Root);
        // The picture variants beside the store the test owns, on PostgreSQL too (the default there is under App_Data).
        builder.UseSetting("NewsFeed:Images:CachePath", ImageCachePath);
        // Tests that watch the seeds folder say so (InPreview(watch: true)); the rest keep their folder to themselves.
        builder.UseSetting("NewsFeed:Preview:Watch", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>
    /// Started, and its startup import done: on a store that already holds content that import runs in the
    /// background, and tests read what it did.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<StartupImport>().Completion.GetAwaiter().GetResult();
        return host;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Pooled connections keep the file open; a test that restarts or deletes the store needs it closed.
        // On PostgreSQL they would hold server connections until the run ends.
        if (TestStore.IsPostgres)
        {
            using var connection = new NpgsqlConnection(TestStore.ConnectionString(DatabasePath));
            NpgsqlConnection.ClearPool(connection);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }
}

/// <summary>Every Serilog event the app writes, for tests that assert what was logged.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IEnumerable<LogEvent> WithProperty(string name, string value) =>
        Events.Where(e => e.Properties.TryGetValue(name, out var p) && p is ScalarValue { Value: string s } && s == value);
}
