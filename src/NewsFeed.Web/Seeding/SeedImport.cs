using System.Diagnostics;
using System.Threading.Channels;
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
    Editions editions,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<SeedImport> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Every seed as last read from disk, before validation: a change re-reads only its own files and validates
    // them against these, so the report and the cross-file checks stay exactly what a full run would give.
    // In path order, the order of the import: a change validates and writes them without sorting 10,000 paths again.
    private SortedDictionary<string, SeedDocument>? _read;

    // What the last validation of _read added: a change whose files keep their facts validates alike.
    private KeptValidation? _validation;

    // The store as this process's last import left it, for the next change import (only preview has those).
    private readonly StoreSnapshots _snapshots = new();

    internal StoreSnapshots Snapshots => _snapshots;

    public string SeedsRoot => options.Value.ResolveSeedsPath(environment.ContentRootPath);

    public async Task<ImportReport> RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            // Outside preview, nothing re-imports single files later, so files the store holds as they are need
            // not be rendered, and a written body need not be kept. Preview keeps every document whole: a later
            // change validates against them all.
            var keepWhole = preview.Value.Enabled;
            var stored = keepWhole ? null : await StoredHashesAsync(cancellationToken);
            var pictures = ReadPictures();
            var report = options.Value.ImportRun > 0 ? await StreamAsync(started, pictures, stored, keepWhole, cancellationToken) : null;
            if (report is null)
            {
                // Asked for, or the authors the stream began with were not the folder's (see StreamAsync): all of it at once.
                _read = new((await reader.ReadFolderAsync(SeedsRoot, cancellationToken, stored)).ToDictionary(d => d.Path, StringComparer.Ordinal),
                    StringComparer.Ordinal);
                report = await ImportAsync(started, pictures, cancellationToken);
                if (!keepWhole)
                {
                    _read = null;
                    _validation = null;
                }
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
    /// Reads and writes the folder in runs of files in path order, in one transaction, reading the next run while
    /// one is written; unless <paramref name="keepWhole"/>, a run's bodies are let go once written, so a cold import
    /// holds one or two runs of rendered bodies, not the folder's.
    /// </summary>
    /// <returns>
    /// Null, with nothing written, in the one case a run cannot decide: articles are written with their author,
    /// so the authors come first, from the author files and the text pages (which may hold an author block), read
    /// before the runs. A text page that then loses its slug to an earlier file is skipped, and its block with
    /// it; when that changes who the authors are, the caller imports the folder at once.
    /// </returns>
    private async Task<ImportReport?> StreamAsync(
        long started, IReadOnlySet<string> pictures, IReadOnlyDictionary<string, string>? stored, bool keepWhole, CancellationToken cancellationToken)
    {
        var root = SeedsRoot;
        if (!Directory.Exists(root))
        {
            throw new SeedsFolderMissingException(root);
        }

        var paths = SeedFiles.List(root);
        var read = new Dictionary<string, SeedDocument>(StringComparer.Ordinal);
        var early = await reader.ReadFilesAsync(root, [.. paths.Where(p => SeedFiles.KindOf(p) is SeedKind.Author or SeedKind.TextPage)], cancellationToken, stored);
        // Validation adds to a document's problems: the documents kept for later changes stay as read.
        var validated = early.ToDictionary(d => d.Path, d => d.Copy(), StringComparer.Ordinal);
        if (keepWhole)
        {
            foreach (var document in early)
            {
                read[document.Path] = document;
            }
        }

        var validator = new SeedValidator(editions.Default.Code);
        var authorSources = validated.Values.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
        validator.ClaimAuthorSlugs(authorSources);

        await using var scope = scopes.CreateAsyncScope();
        await using var writer = new SeedWriter(scope.ServiceProvider.GetRequiredService<NewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value, time, images, keepWhole ? _snapshots : null);
        await writer.BeginAsync(authorSources, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = Channel.CreateBounded<List<SeedDocument>>(1);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var run in paths.Chunk(options.Value.ImportRun))
                {
                    var fresh = await reader.ReadFilesAsync(root, [.. run.Where(p => !validated.ContainsKey(p))], stop.Token, stored);
                    var byPath = fresh.ToDictionary(d => d.Path, StringComparer.Ordinal);
                    var documents = new List<SeedDocument>(run.Length);
                    foreach (var path in run)
                    {
                        if (validated.TryGetValue(path, out var known))
                        {
                            documents.Add(known);
                        }
                        else if (byPath.TryGetValue(path, out var document))
                        {
                            if (keepWhole)
                            {
                                read[path] = document;
                            }

                            documents.Add(keepWhole ? document.Copy() : document);
                        }
                    }

                    await runs.Writer.WriteAsync(documents, stop.Token);
                }

                runs.Writer.Complete();
            }
            catch (Exception e)
            {
                runs.Writer.Complete(e);
            }
        }, CancellationToken.None);

        var all = new List<SeedDocument>(paths.Count);
        try
        {
            await foreach (var documents in runs.Reader.ReadAllAsync(cancellationToken))
            {
                validator.ClaimArticleSlugs(documents);
                await writer.WriteAsync(documents, cancellationToken);
                if (!keepWhole)
                {
                    documents.ForEach(d => d.DropBody());
                }

                all.AddRange(documents);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }

        if (validator.CheckTranslations(all).Count > 0)
        {
            // A translation written in its run turned out to name no original (or a wrong one, or a taken
            // language): that is an error, and its file must not be written. Rare, so all of it at once.
            return null;
        }

        validator.CheckReferences(all);
        var seeds = all.Count;
        var unused = SeedValidator.Unused(all, images.Urls);
        if (unused.Count > 0)
        {
            // Pictures no seed names: entries of the report (warnings), with nothing to write.
            await writer.WriteAsync(unused, cancellationToken);
            all.AddRange(unused);
        }

        var authors = SeedWriter.AuthorDefinitions(all);
        if (authors.Count != writer.Authors.Count || authors.Any(a => !writer.Authors.TryGetValue(a.Key, out var begun) || begun != a.Value))
        {
            return null;
        }

        _read = keepWhole ? new(read, StringComparer.Ordinal) : null;
        // Before the writer adds its warnings (FinishAsync): what validation alone added.
        _validation = keepWhole ? KeptValidation.Of([.. all.Take(seeds).Select(d => read[d.Path])], all) : null;
        var (files, deleted, change, record) = await writer.FinishAsync(all, cancellationToken, pictures);
        return await PublishAsync(started, files, deleted, change, record, cancellationToken);
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
            var sameFacts = pictures.Count == 0;
            foreach (var path in affected)
            {
                var document = File.Exists(Path.Combine(root, path)) ? await reader.ReadFileAsync(root, path, cancellationToken) : null;
                sameFacts = sameFacts && SeedValidator.SameFacts(_read.GetValueOrDefault(path), document);
                if (document is null)
                {
                    _read.Remove(path);
                }
                else
                {
                    _read[path] = document;
                }
            }

            var report = await ImportAsync(started, pictures, cancellationToken, sameFacts ? _validation : null);
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

    /// <summary>Validates <see cref="_read"/> (or applies <paramref name="kept"/>, when it still holds) and writes it.</summary>
    private async Task<ImportReport> ImportAsync(
        long started, IReadOnlySet<string> pictures, CancellationToken cancellationToken, KeptValidation? kept = null)
    {
        var read = _read!.Values.ToList();
        IReadOnlyList<SeedDocument> documents;
        if (kept is not null)
        {
            documents = kept.Apply(read);
        }
        else
        {
            // Validation adds to the copies' problems: the documents kept for later changes stay as read.
            documents = SeedValidator.Validate([.. read.Select(d => d.Copy())], images.Urls, editions.Default.Code);
            _validation = KeptValidation.Of(read, documents);
        }

        await using var scope = scopes.CreateAsyncScope();
        await using var importer = new SeedWriter(scope.ServiceProvider.GetRequiredService<NewsDbContext>(),
            scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value, time, images, preview.Value.Enabled ? _snapshots : null);
        var (files, deleted, change, record) = await importer.ImportAsync(documents, cancellationToken, pictures);
        return await PublishAsync(started, files, deleted, change, record, cancellationToken);
    }

    /// <summary>After the commit: the status, the change record for this instance, and the pages and listings the change touched.</summary>
    private async Task<ImportReport> PublishAsync(
        long started, IReadOnlyList<SeedFileResult> files, int deleted, ContentChange change, long? record, CancellationToken cancellationToken)
    {
        if (record is { } id)
        {
            storeChanges.Written(id);
        }

        // Set before the pages go, so a page made again shows this import's problems.
        var report = new ImportReport(files, deleted, Stopwatch.GetElapsedTime(started), time.GetUtcNow().UtcDateTime);
        status.Set(report);
        // Only what the import touched (nothing, when nothing changed): the rest of the cache stays.
        await content.ChangedAsync(change, cancellationToken);
        // An import's time runs until readers can see it: the listings, the search index and the cache are in step.
        report = report with { Duration = Stopwatch.GetElapsedTime(started) };
        status.Set(report);
        return report;
    }

    /// <summary>The seed paths a change touches: a page and its sidecar go together; a folder means every seed in it, then and now.</summary>
    private SortedSet<string> Affected(string root, IEnumerable<string> changedPaths)
    {
        var affected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var changed in changedPaths.Select(p => p.Replace('\\', '/').Trim('/')))
        {
            var paths = new List<string> { changed };
            var folder = changed + "/";
            paths.AddRange(_read!.Keys.Where(p => p.StartsWith(folder, StringComparison.Ordinal)));
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
