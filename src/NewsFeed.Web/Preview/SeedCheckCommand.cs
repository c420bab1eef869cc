using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Corrections;
using NewsFeed.Web.Data;
using NewsFeed.Web.Images;
using NewsFeed.Web.Model;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Seeding;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Preview;

/// <summary>
/// <c>NewsFeed.Web check [--seeds DIR] [--format text|json] [--store]</c>, for content CI: reads and validates a seeds
/// folder exactly as the import does (<see cref="SeedReader"/>, <see cref="SeedValidator"/>), without serving and
/// without a database; with <c>--store</c>, also compares each published body with the text readers saw, read from the
/// configured store (never written), and warns of stealth edits as the import would (<see cref="StealthEdits"/>).
/// Prints one compiler-style line per problem and a summary, or one JSON document.
/// <code>dotnet run --project src/NewsFeed.Web -- check --seeds seeds</code>
/// </summary>
/// <param name="output">Where the report goes.</param>
/// <param name="error">Where a failure to run goes.</param>
/// <param name="language">The site's language (<c>NewsFeed:Site:Language</c>): an article's without <c>lang:</c>.</param>
public sealed class SeedCheckCommand(TextWriter output, TextWriter error, string language = "en")
{
    public const int Clean = 0;
    public const int HasErrors = 1;
    public const int CouldNotRun = 2;

    private const string Usage = """
        usage: NewsFeed.Web check [--seeds DIR] [--format text|json] [--store]

        Reads and validates every file of a seeds folder, as the import does, without serving or touching a database.
          --seeds DIR       the seeds folder (default: the configured NewsFeed:SeedsPath)
          --format FORMAT   text (default): one line per problem, path:line:column: error|warning: message
                            json: one JSON document with the counts and every problem
          --store           also warn of published bodies changed with no new corrections entry, against the text
                            readers saw as the configured store holds it (NewsFeed:Database:Provider and
                            ConnectionStrings:NewsFeed, e.g. from ConnectionStrings__NewsFeed); read only
        Exit code: 0 no errors (warnings allowed), 1 errors, 2 the check could not run.
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The entry point from Program.cs: configuration as the app would read it, the console, exit code back.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        // The builder only reads configuration (appsettings, environment, content root); nothing is built or served.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        var configured = builder.Configuration.GetSection(SeedOptions.Section).Get<SeedOptions>() ?? new SeedOptions();
        configured.SeedsPath = configured.ResolveSeedsPath(builder.Environment.ContentRootPath);
        var language = builder.Configuration.GetSection(SiteOptions.Section).Get<SiteOptions>()?.Language ?? "en";
        var store = new CheckStore(
            builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite,
            builder.Configuration.GetConnectionString("NewsFeed"), builder.Environment.ContentRootPath);
        return new SeedCheckCommand(Console.Out, Console.Error, language).RunAsync(args, configured, CancellationToken.None, store);
    }

    /// <summary>The store <c>--store</c> reads: the app's configured provider and connection, relative paths from the content root.</summary>
    public sealed record CheckStore(DatabaseProvider Provider, string? ConnectionString, string ContentRoot);

    /// <param name="args">The arguments after <c>check</c>.</param>
    /// <param name="configured">The app's seed options: the default folder (absolute) and the file size limit.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="store">The store <c>--store</c> reads.</param>
    public async Task<int> RunAsync(IReadOnlyList<string> args, SeedOptions configured, CancellationToken cancellationToken, CheckStore? store = null)
    {
        string? seeds = null;
        var format = "text";
        var compare = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--seeds" when i + 1 < args.Count:
                    seeds = args[++i];
                    break;
                case "--format" when i + 1 < args.Count && args[i + 1] is "text" or "json":
                    format = args[++i];
                    break;
                case "--store":
                    compare = true;
                    break;
                case "-h" or "--help":
                    await output.WriteLineAsync(Usage);
                    return Clean;
                default:
                    await error.WriteLineAsync($"check: unexpected argument '{args[i]}'");
                    await error.WriteLineAsync(Usage);
                    return CouldNotRun;
            }
        }

        var root = seeds is null ? configured.SeedsPath : Path.TrimEndingDirectorySeparator(Path.GetFullPath(seeds, CallerDirectory()));
        // Problem paths are relative to the folder; shown as the caller named it, they open from where check was run.
        var shown = seeds is null ? root : Path.TrimEndingDirectorySeparator(seeds);

        IReadOnlyList<SeedDocument> documents;
        IReadOnlyList<string> pictureUrls = [];
        // A bug the reader meets in a file (an exception nobody expected) goes to stderr with its stack, as the app logs it.
        using var logging = LoggerFactory.Create(logs => logs.AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter((_, level) => level >= LogLevel.Error)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        try
        {
            // The pictures are read as the import reads them, into a cache of check's own that goes when it ends.
            var pictures = Path.Combine(Path.GetTempPath(), $"newsfeed-check-{Guid.NewGuid():N}");
            try
            {
                var images = new ImageCatalog(new ImageCache(pictures), logging.CreateLogger<ImageCatalog>());
                if (Directory.Exists(root))
                {
                    images.Refresh(root);
                }

                var reader = new SeedReader(new MarkdownRenderer(), Options.Create(configured), logging.CreateLogger<SeedReader>(), images);
                documents = await reader.ReadFolderAsync(root, cancellationToken);
                pictureUrls = [.. images.Urls];
            }
            finally
            {
                if (Directory.Exists(pictures))
                {
                    Directory.Delete(pictures, recursive: true);
                }
            }
        }
        catch (SeedsFolderMissingException) when (seeds is not null)
        {
            await error.WriteLineAsync($"check: the seeds folder '{root}' does not exist");
            return CouldNotRun;
        }
        catch (Exception e) when (e is SeedsFolderMissingException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"check: {e.Message}");
            return CouldNotRun;
        }

        IReadOnlyDictionary<string, PublishedBody>? bodies = null;
        if (compare)
        {
            if (store?.ConnectionString is not { Length: > 0 } connection)
            {
                await error.WriteLineAsync("check: --store needs the store's connection, ConnectionStrings:NewsFeed (e.g. the environment variable ConnectionStrings__NewsFeed)");
                return CouldNotRun;
            }

            try
            {
                bodies = await ReadBodiesAsync(store.Provider, connection, store.ContentRoot, cancellationToken);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
            {
                // The reason, not the connection string (it may hold a password).
                await error.WriteLineAsync($"check: the store could not be read ({e.GetType().Name}: {e.Message.Split('\n', 2)[0]})");
                return CouldNotRun;
            }
        }

        try
        {
            return await ReportAsync(documents, pictureUrls, bodies, root, shown, format);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No file reaches here (the reader turns each into problems): this is our bug, and the exit code says
            // "could not run", never a crash that a content CI would read as "the seeds are broken".
            await error.WriteLineAsync($"check: NewsFeed failed while checking ({e.GetType().Name}); this is a bug in NewsFeed:\n{e}");
            return CouldNotRun;
        }
    }

    /// <summary>The text readers saw of each article, as the store holds it; the store is opened read-only and never created.</summary>
    private static async Task<Dictionary<string, PublishedBody>> ReadBodiesAsync(
        DatabaseProvider provider, string connection, string contentRoot, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<NewsDbContext>();
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connection);
        }
        else
        {
            var file = StoreProvider.SqliteFile(connection, contentRoot);
            if (file is not null && !File.Exists(file))
            {
                throw new IOException($"there is no store at {file}");
            }

            var readOnly = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadOnly };
            if (file is not null)
            {
                readOnly.DataSource = file;
            }

            options.UseSqlite(readOnly.ToString());
        }

        await using var db = new NewsDbContext(options.Options);
        return await db.PublishedBodies.AsNoTracking().ToDictionaryAsync(b => b.Slug, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<int> ReportAsync(
        IReadOnlyList<SeedDocument> documents, IReadOnlyList<string> pictures, IReadOnlyDictionary<string, PublishedBody>? bodies,
        string root, string shown, string format)
    {
        var validated = SeedValidator.Validate(documents, pictures, Editions.CodeOf(language));
        if (bodies is not null)
        {
            // What the import would warn of, judged against the store's texts; nothing is recorded.
            var now = DateTime.UtcNow;
            foreach (var document in validated.Where(d => d is { HasErrors: false, Article: not null }))
            {
                var seed = document.Article!;
                if (StealthEdits.Judge(bodies.GetValueOrDefault(seed.Slug), seed, now) is { Verdict: BodyVerdict.Warn, Change: { } change })
                {
                    StealthEdits.Warn(new ProblemSink(document.Path, document.Problems), seed.BodyLine, change);
                }
            }
        }

        // The counts are of seed files; a picture no seed uses adds its warning, not a file.
        var problems = validated.SelectMany(d => d.Problems)
            .OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column)
            .ToList();
        var errors = problems.Count(p => p.IsError);
        var warnings = problems.Count - errors;

        if (format == "json")
        {
            var result = new CheckResult(root, documents.Count, errors, warnings,
                [.. problems.Select(p => new CheckProblem(p.Path, p.Line, p.Column, p.IsError ? "error" : "warning", p.Message))]);
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
        }
        else
        {
            foreach (var problem in problems)
            {
                await output.WriteLineAsync($"{shown}/{problem}");
            }

            var skipped = documents.Count(d => d.HasErrors);
            var files = Count(documents.Count, "seed file");
            await output.WriteLineAsync(problems.Count == 0
                ? $"check: {files} in {root}: no problems"
                : $"check: {files} in {root}: {Count(errors, "error")} ({Count(skipped, "file")} would be skipped), {Count(warnings, "warning")}");
        }

        return errors > 0 ? HasErrors : Clean;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    // `dotnet run --project` runs the app in its project folder; PWD, set by the shell, is where the caller typed
    // the command, so `--seeds seeds` means the seeds folder there.
    private static string CallerDirectory() =>
        Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd)
            ? pwd
            : Environment.CurrentDirectory;

    private sealed record CheckResult(string Seeds, int Files, int Errors, int Warnings, IReadOnlyList<CheckProblem> Problems);

    private sealed record CheckProblem(string Path, int Line, int Column, string Severity, string Message);
}
