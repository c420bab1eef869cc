namespace NewsFeed.Web.Seeding;

/// <summary>Collects the problems of one file; nested readers share it and prefix the field path.</summary>
public sealed class ProblemSink(string path, List<SeedProblem> problems, string prefix = "")
{
    public string Path { get; } = path;
    public string Prefix { get; } = prefix;

    public bool HasErrors => problems.Exists(p => p.IsError);

    public int Count => problems.Count;

    public ProblemSink Within(string field) => new(Path, problems, $"{Prefix}{field}.");

    public void Error(int line, int column, string message) =>
        problems.Add(new SeedProblem(Path, line, column, ProblemSeverity.Error, Qualify(message)));

    public void Warning(int line, int column, string message) =>
        problems.Add(new SeedProblem(Path, line, column, ProblemSeverity.Warning, Qualify(message)));

    // Nested fields read as "image.caption: ..." so the editor knows which of two captions is meant.
    // Control characters from content are escaped, so a problem can never forge a log line or a terminal sequence.
    private string Qualify(string message) => Escape(
        Prefix.Length == 0 || message.StartsWith("unknown field", StringComparison.Ordinal) ? message : Prefix + message);

    private static string Escape(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : text;
}
