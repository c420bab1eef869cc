namespace NewsFeed.Web.Seeding;

public enum ProblemSeverity
{
    /// <summary>The file imports, but something in it was ignored, guessed or is missing.</summary>
    Warning = 0,

    /// <summary>The file is skipped; the last good version of it (if any) stays on the site.</summary>
    Error = 1,
}

/// <summary>
/// One thing wrong with one seed file. <see cref="Line"/> and <see cref="Column"/> are 1-based; 0 means the
/// problem concerns the whole file.
/// </summary>
public sealed record SeedProblem(string Path, int Line, int Column, ProblemSeverity Severity, string Message)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary>Compiler style, so editors and CI logs can link to the spot: <c>path:line:column: error: message</c>.</summary>
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(IsError ? "error" : "warning")}: {Message}";
}
