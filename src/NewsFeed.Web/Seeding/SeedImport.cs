using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Images;
using NewsFeed.Web.Preview;

using NewsFeed.Web.Site;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// Imports the seeds folder: all of it (<see cref="RunAsync"/>, at startup), or only the files that changed
/// (<see cref="ImportChangesAsync"/>, for preview). Either way: read, validate, write to the store, report and log.
/// </summary>
public sealed partial class SeedImport(
    SeedReader reader,
    ImageCatalog images,
    ImageVariants variants,
    IServiceScopeFactory scopes,
    SeedImportStatus status,
    SiteContent content,
    StoreChanges storeChanges,
    IOptions<PreviewOptions> preview,
    IOptions<SeedOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<SeedImport> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Every seed as last read from disk, before validation: a change re-reads only its own files and validates
    // them against these, so the report and the cross-file checks stay exactly what a full run would give.
    private Dictionary<string, SeedDocument>? _read;

    public string SeedsRoot => options.Value.ResolveSeedsPath(environment.ContentRootPath);

    public async Task<ImportReport> RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            // Outside preview, nothing re-imports single files later, so files the store holds as they are need
            // not be rendered. Preview keeps every document whole: a later change validates against them all.
            var stored = preview.Value.Enabled ? null : await StoredHashesAsync(cancellationToken);
            var pictures = ReadPictures();
            var documents = await reader.ReadFolderAsync(SeedsRoot, cancellationToken, stored);
            _read = documents.ToDictionary(d => d.Path, StringComparer.Ordinal);

            var report = await ImportAsync(started, pictures, cancellationToken);
            if (stored is not null)
            {
                // Some documents lack their rendered body: a later ImportChangesAsync must start from a full read.
                _read = null;
            }

            Log(report);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Re-reads only the files at <paramref name="changedPaths"/> (relative to the seeds folder; a text page is
    /// read with its sidecar, a folder stands for the files in it), validates them against the rest of the
    /// folder as last read, and imports in one transaction. A path that no longer exists removes its article.
    /// </summary>
    /// <returns>The report of the whole folder, with the changed files' new state.</returns>
    public async Task<ImportReport> ImportChangesAsync(IReadOnlyCollection<string> changedPaths, CancellationToken cancellationToken)
    {
        if (_read is null)
        {
            return await RunAsync(cancellationToken);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var root = SeedsRoot;
            if (!Directory.Exists(root))
            {
                // Not "every file was deleted": a vanished folder is a configuration error, and the site keeps its content.
                throw new SeedsFolderMissingException(root);
            }

            var pictures = ReadPictures();
            var affected = Affected(root, changedPaths);
            // A picture that changed is checked again in every article that shows it.
            affected.UnionWith(_read.Values.Where(d => UsesAny(d, pictures)).Select(d => d.Path));
            foreach (var path in affected)
            {
                var document = File.Exists(Path.Combine(root, path)) ? await reader.ReadFileAsync(root, path, cancellationToken) : null;
                if (document is null)
                {
                    _read.Remove(path);
                }
                else
                {
                    _read[path] = document;
                }
            }

            var report = await ImportAsync(started, pictures, cancellationToken);
            LogChange(report, affected);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, string>> StoredHashesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Articles
            .ToDictionaryAsync(a => a.SourcePath, a => a.ContentHash, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Reads the pictures again (only those whose file changed are opened) and returns the <c>/media/</c> URLs that changed.</summary>
    private IReadOnlySet<string> ReadPictures()
    {
        var changed = images.Refresh(SeedsRoot);
        variants.MakeMissing();
        return changed;
    }

    private static bool UsesAny(SeedDocument document, IReadOnlySet<string> pictures) =>
        pictures.Count > 0 && document.Pictures.Overlaps(pictures);

    private async Task<ImportReport> ImportAsync(long started, IReadOnlySet<string> pictures, CancellationToken cancellationToken)
    {
        var documents = SeedValidator.Validate([.. _read!.Values.Select(d => d.Copy())], images.Urls);

        await using var scope = scopes.CreateAsyncScope();
        var importer = new SeedWriter(
            scope.ServiceProvider.GetRequiredService<NewsDbContext>(), scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value, time, images);
        var (files, deleted, change, record) = await importer.ImportAsync(documents, cancellationToken, pictures);
        if (record is { } id)
        {
            storeChanges.Written(id);
        }

        var report = new ImportReport(files, deleted, Stopwatch.GetElapsedTime(started), time.GetUtcNow().UtcDateTime);
        status.Set(report);
        // Only what the import touched (nothing, when nothing changed): the rest of the cache stays.
        await content.ChangedAsync(change, cancellationToken);
        return report;
    }

    /// <summary>The seed paths a change touches: a page and its sidecar go together; a folder means every seed in it, then and now.</summary>
    private SortedSet<string> Affected(string root, IEnumerable<string> changedPaths)
    {
        var affected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var changed in changedPaths.Select(p => p.Replace('\\', '/').Trim('/')))
        {
            var paths = new List<string> { changed };
            paths.AddRange(_read!.Keys.Where(p => p.StartsWith(changed + "/", StringComparison.Ordinal)));
            if (Directory.Exists(Path.Combine(root, changed)))
            {
                paths.AddRange(SeedFiles.List(root, changed));
            }

            foreach (var path in paths)
            {
                switch (SeedFiles.KindOf(path))
                {
                    case SeedKind.None:
                        break;
                    case SeedKind.TextPage:
                        affected.Add(path);
                        affected.Add(path + ".yml");
                        break;
                    case SeedKind.Sidecar:
                        affected.Add(path);
                        affected.Add(path[..^".yml".Length]);
                        break;
                    default:
                        affected.Add(path);
                        break;
                }
            }
        }

        return affected;
    }

    public void Dispose() => _gate.Dispose();

    private void Log(ImportReport report)
    {
        LogProblems(report.Problems);

        LogSummary(SeedsRoot, report.FilesSeen, report.Imported, report.Unchanged, report.Skipped, report.Deleted,
            report.Errors + report.Warnings, report.Duration.TotalMilliseconds);
    }

    private void LogChange(ImportReport report, SortedSet<string> affected)
    {
        var files = report.Files.Where(f => affected.Contains(f.Path)).ToList();
        LogProblems(files.SelectMany(f => f.Problems));

        var skipped = files.Count(f => f.State == SeedFileState.Skipped);
        var problems = files.Sum(f => f.Problems.Count);
        var paths = string.Join(", ", affected);
        LogChangeSummary(paths, report.Imported, report.Deleted, skipped, problems, report.Duration.TotalMilliseconds);
    }

    private void LogProblems(IEnumerable<SeedProblem> problems)
    {
        foreach (var problem in problems)
        {
            if (problem.IsError)
            {
                LogSeedError(problem.Path, problem.Line, problem.Column, problem.Message);
            }
            else
            {
                LogSeedWarning(problem.Path, problem.Line, problem.Column, problem.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Seed error {SeedPath}:{Line}:{Column}: {Problem}; the file is skipped")]
    private partial void LogSeedError(string seedPath, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed warning {SeedPath}:{Line}:{Column}: {Problem}")]
    private partial void LogSeedWarning(string seedPath, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seed import of {SeedsRoot}: {FilesSeen} files seen, {Imported} imported, {Unchanged} unchanged, {Skipped} skipped, {Deleted} deleted, {Problems} problems in {ElapsedMs:0} ms")]
    private partial void LogSummary(string seedsRoot, int filesSeen, int imported, int unchanged, int skipped, int deleted, int problems, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seed change {SeedPaths}: {Imported} imported, {Deleted} deleted, {Skipped} skipped, {Problems} problems in {ElapsedMs:0} ms")]
    private partial void LogChangeSummary(string seedPaths, int imported, int deleted, int skipped, int problems, double elapsedMs);
}
