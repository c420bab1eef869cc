namespace NewsFeed.Web.Seeding;

public enum SeedFileState
{
    Imported,
    Unchanged,

    /// <summary>Had errors: not imported; its last good version, if any, stays on the site.</summary>
    Skipped,

    /// <summary>Not a seed (an unknown file type, a sidecar without its page).</summary>
    Ignored,
}

/// <summary>
/// What the import did with one file. <see cref="ArticleSlug"/> is the article the file feeds on the site after the
/// import, if any; for a skipped file, that is its last good version.
/// </summary>
public sealed record SeedFileResult(string Path, SeedFileState State, IReadOnlyList<SeedProblem> Problems, string? ArticleSlug = null)
{
    public bool HasWarnings => Problems.Any(p => !p.IsError);

    /// <summary>The latest version is broken, and an older good version is what readers see.</summary>
    public bool KeptLastGood => State == SeedFileState.Skipped && ArticleSlug is not null;
}

/// <summary>What one import run did: per file, and in total.</summary>
public sealed record ImportReport(IReadOnlyList<SeedFileResult> Files, int Deleted, TimeSpan Duration, DateTime FinishedUtc)
{
    public int FilesSeen => Files.Count;
    public int Imported => Files.Count(f => f.State == SeedFileState.Imported);
    public int Unchanged => Files.Count(f => f.State == SeedFileState.Unchanged);
    public int Skipped => Files.Count(f => f.State == SeedFileState.Skipped);
    public IEnumerable<SeedProblem> Problems => Files.SelectMany(f => f.Problems);
    public int Errors => Problems.Count(p => p.IsError);
    public int Warnings => Problems.Count(p => !p.IsError);
    public int FilesWithProblems => Files.Count(f => f.Problems.Count > 0);
    public int KeptLastGood => Files.Count(f => f.KeptLastGood);
}

/// <summary>The last import's report, for health checks and anything else that shows the state of the content.</summary>
public sealed class SeedImportStatus
{
    private volatile ImportReport? _last;

    public ImportReport? Last => _last;

    internal void Set(ImportReport report) => _last = report;

    /// <summary>
    /// An import of <paramref name="paths"/> (null: the whole folder) that failed as a whole (the store refused the
    /// write, the folder vanished, a bug): those files are reported as skipped with this error, beside the rest of the
    /// last report, so the preview's problems bar tells the editor why the save is not on the page.
    /// </summary>
    internal void SetFailed(IReadOnlyCollection<string>? paths, Exception failure, DateTime nowUtc)
    {
        var last = _last;
        var files = (last?.Files ?? []).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var failed = paths ?? [SeedsFolder];
        foreach (var path in failed)
        {
            var problem = new SeedProblem(path, 0, 0, ProblemSeverity.Error,
                $"this save could not be imported ({failure.GetType().Name}: {FirstLine(failure.Message)}); readers see the last good version, and the next save tries again");
            files[path] = new SeedFileResult(path, SeedFileState.Skipped, [problem], files.GetValueOrDefault(path)?.ArticleSlug);
        }

        _last = new ImportReport([.. files.Values.OrderBy(f => f.Path, StringComparer.Ordinal)], 0, TimeSpan.Zero, nowUtc);
    }

    /// <summary>How a failure of the whole folder is named where a file's path would be.</summary>
    public const string SeedsFolder = "(the seeds folder)";

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
