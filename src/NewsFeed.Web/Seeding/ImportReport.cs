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
}
