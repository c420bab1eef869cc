using System.Text.RegularExpressions;

namespace NewsFeed.Web.Rendering;

/// <summary>Word count and reading time, at 275 words a minute as most news sites use.</summary>
public static partial class ReadingTime
{
    public const int WordsPerMinute = 275;

    /// <summary>
    /// Counts words in any script: a word is a run of letters, marks and digits, joined across apostrophes,
    /// hyphens and digit separators ("Kupiansk’s", "counter-sabotage" and "1,800" are one word each).
    /// </summary>
    public static int CountWords(string text) => Word().Count(text);

    /// <summary>Minutes to read, rounded, never below 1.</summary>
    public static int Minutes(int words) =>
        Math.Max(1, (int)Math.Round(words / (double)WordsPerMinute, MidpointRounding.AwayFromZero));

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:(?:['’\-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*")]
    private static partial Regex Word();
}
