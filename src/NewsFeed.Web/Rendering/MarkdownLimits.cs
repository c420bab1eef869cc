using System.Text.RegularExpressions;

namespace NewsFeed.Web.Rendering;

/// <summary>
/// A cheap, linear pre-scan before Markdig. Markdig's cost grows faster than the input on a few shapes
/// (nesting thousands deep, tens of thousands of identical headings or links, reference definitions used
/// over and over); no real article comes near these limits, so a file past them is refused with the reason
/// instead of costing the import seconds or hundreds of megabytes.
/// </summary>
public static partial class MarkdownLimits
{
    public const int MaxNesting = 32;
    public const int MaxHeadings = 1_000;
    public const int MaxLinks = 5_000;
    public const int MaxBrackets = 20_000;
    public const long MaxReferenceExpansion = 4_000_000;

    /// <summary>Why <paramref name="markdown"/> is too costly to render, or null when it is fine.</summary>
    public static string? Check(string markdown)
    {
        var headings = 0;
        var brackets = 0;
        var maxReference = 0;
        var line = 0;
        foreach (var range in markdown.AsSpan().EnumerateLines())
        {
            line++;
            var depth = NestingOf(range);
            if (depth > MaxNesting)
            {
                return $"line {line} is nested {depth} levels deep (quotes or lists); the limit is {MaxNesting}";
            }

            var trimmed = range.TrimStart();
            if (trimmed.StartsWith("#"))
            {
                headings++;
            }

            if (trimmed.StartsWith("[") && ReferenceDefinition().Match(trimmed.ToString()) is { Success: true } definition)
            {
                maxReference = Math.Max(maxReference, definition.Groups[1].Length);
            }

            brackets += range.Count('[');
        }

        if (headings > MaxHeadings)
        {
            return $"{headings:N0} headings; the limit is {MaxHeadings:N0}";
        }

        if (brackets > MaxBrackets)
        {
            return $"{brackets:N0} square brackets; the limit is {MaxBrackets:N0}";
        }

        var links = CountOf(markdown, "://");
        if (links > MaxLinks)
        {
            return $"{links:N0} links; the limit is {MaxLinks:N0}";
        }

        // Every use of a reference repeats its URL in the output: bound what the references can expand to.
        if ((long)brackets * maxReference > MaxReferenceExpansion)
        {
            return $"link references would repeat a {maxReference:N0}-character URL up to {brackets:N0} times; shorten the URL or use fewer references";
        }

        return null;
    }

    // Block quote markers, plus list-item indentation (two spaces a level) when the line is a list item.
    private static int NestingOf(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var spaces = 0;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '>':
                    depth++;
                    spaces = 0;
                    break;
                case ' ':
                    spaces++;
                    break;
                case '\t':
                    spaces += 4;
                    break;
                case '-' or '*' or '+' when i + 1 < line.Length && line[i + 1] == ' ':
                    return depth + (spaces / 2) + 1;
                case >= '0' and <= '9':
                    return depth + (spaces / 2) + 1;
                default:
                    return depth;
            }
        }

        return depth;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"^\[[^\]]{1,999}\]:\s*(\S+)")]
    private static partial Regex ReferenceDefinition();
}
