namespace NewsFeed.Web.Search;

/// <summary>
/// A reader's query as the index reads it: phrases of normalized words (<see cref="SearchText.Normalize(string)"/>),
/// every phrase required. A single word is a phrase of one. The last word of the last phrase may match as a prefix.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchPhrase> Phrases)
{
    /// <summary>What <see cref="ArticleSearch.ToTerms"/> reads from <paramref name="query"/>, or null when nothing is searchable.</summary>
    public static SearchQuery? Parse(string? query)
    {
        if (ArticleSearch.ToTerms(query) is not { } terms)
        {
            return null;
        }

        // A word of apostrophes alone ("ʼ") normalizes to nothing, and nothing begins every word: it is left out.
        var phrases = terms.Words
            .Select((words, i) => new SearchPhrase(
                [.. words.Select(SearchText.Normalize).Where(w => w.Length > 0)], terms.LastIsPrefix && i == terms.Words.Count - 1))
            .Where(p => p.Words.Length > 0)
            .ToList();
        return phrases.Count == 0 ? null : new(phrases);
    }
}

/// <summary>Consecutive words; with <see cref="LastIsPrefix"/>, the last one matches any word it begins.</summary>
public sealed record SearchPhrase(string[] Words, bool LastIsPrefix)
{
    /// <summary>Whether word <paramref name="index"/> of the phrase matches the normalized <paramref name="term"/>.</summary>
    public bool Matches(int index, ReadOnlySpan<char> term) =>
        LastIsPrefix && index == Words.Length - 1 ? term.StartsWith(Words[index], StringComparison.Ordinal) : term.SequenceEqual(Words[index]);
}
