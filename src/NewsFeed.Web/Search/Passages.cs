namespace NewsFeed.Web.Search;

/// <summary>
/// What a hit shows of its text: the headline with every match marked, and a passage of the body (or the dek) around
/// the best cluster of matches, cut with "…" where the text goes on. Marks are <see cref="ArticleSearch.MarkStart"/> and
/// <see cref="ArticleSearch.MarkEnd"/>; <see cref="ArticleSearch.Mark"/> encodes the text and turns them into elements.
/// </summary>
public static class Passages
{
    /// <summary>A passage is at most this many words.</summary>
    public const int PassageWords = 24;

    /// <summary>The whole text, every occurrence of a phrase marked.</summary>
    public static string Highlight(string text, SearchQuery query)
    {
        var words = SearchText.Words(text);
        return Write(text, words, Occurrences(text, words, query), 0, words.Count - 1, false, false);
    }

    /// <summary>
    /// The passage of <paramref name="text"/> with the most phrases (then the most matches), the matches centred in
    /// it; the text's start when nothing matches. <paramref name="matched"/>: whether it marks anything.
    /// </summary>
    public static string Passage(string text, SearchQuery query, out bool matched)
    {
        // A long text in Latin script (most bodies, whatever their quotes, dashes and accents) is not split into words
        // whole: a vectorised search finds where the matches cluster, and only the stretch around them is read word by
        // word. It was a fifth of a search page's CPU.
        if (text.Length > 3 * RegionChars && Region(text, query) is (int start, int end, int hits))
        {
            var passage = Passage(text[start..end], query, start > 0, end < text.Length, out matched);
            // No first word anywhere: nothing matches. A first word without the rest of its phrase: look everywhere.
            if (matched || hits == 0)
            {
                return passage;
            }
        }

        return Passage(text, query, false, false, out matched);
    }

    /// <summary>About 140 words on each side of a cluster: the passage, centred in it, fits many times over.</summary>
    private const int RegionChars = 450;

    /// <summary>Past this many words with a character beyond ASCII (a text in another script), the text is read whole.</summary>
    private const int MaxOtherWords = 64;

    private static (int Start, int End, int Hits)? Region(string text, SearchQuery query)
    {
        if (!query.Phrases.All(p => System.Text.Ascii.IsValid(p.Words[0])))
        {
            return null;
        }

        var hits = new List<(int At, int Phrase)>();
        if (!OtherWords(text, query, hits))
        {
            return null;
        }

        for (var p = 0; p < query.Phrases.Count; p++)
        {
            var phrase = query.Phrases[p];
            var word = phrase.Words[0];
            var whole = !(phrase.LastIsPrefix && phrase.Words.Length == 1);
            for (var from = 0; from < text.Length && hits.Count < 4096;)
            {
                var at = text.AsSpan(from).IndexOf(word, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    break;
                }

                at += from;
                var after = at + word.Length;
                // A word that goes on past ASCII ("harbourá" for "harbour") is OtherWords' to judge.
                var wordEnd = after;
                while (wordEnd < text.Length && char.IsAsciiLetterOrDigit(text[wordEnd]))
                {
                    wordEnd++;
                }

                if ((at == 0 || !SearchText.IsWordChar(text[at - 1])) && (!whole || after == text.Length || !SearchText.IsWordChar(text[after]))
                    && (wordEnd == text.Length || !SearchText.IsWordChar(text[wordEnd])))
                {
                    hits.Add((at, p));
                }

                // Always forward, whatever the word (an empty one is found where it is looked for).
                from = Math.Max(after, at + 1);
            }
        }

        // The stretch of one passage's length (24 words of about 6 characters) with the most phrases, then matches.
        var centre = 0;
        if (hits.Count > 0)
        {
            hits.Sort();
            var best = -1;
            for (var i = 0; i < hits.Count; i++)
            {
                var phrases = 0UL;
                var last = i;
                for (var k = i; k < hits.Count && hits[k].At < hits[i].At + (PassageWords * 6); k++)
                {
                    phrases |= 1UL << (hits[k].Phrase % 64);
                    last = k;
                }

                var score = (System.Numerics.BitOperations.PopCount(phrases) * 1000) + (last - i + 1);
                if (score > best)
                {
                    (best, centre) = (score, (hits[i].At + hits[last].At) / 2);
                }
            }
        }

        // Cut between words, so the stretch's first and last words are whole.
        var start = Math.Max(0, centre - RegionChars);
        while (start > 0 && start < text.Length && SearchText.IsWordChar(text[start - 1]))
        {
            start++;
        }

        var end = Math.Min(text.Length, Math.Max(centre, start) + RegionChars);
        while (end < text.Length && end > start && SearchText.IsWordChar(text[end]))
        {
            end--;
        }

        return (start, end, hits.Count);
    }

    /// <summary>
    /// Adds to <paramref name="hits"/> every word of <paramref name="text"/> with a character beyond ASCII that starts a
    /// phrase: the ordinal, case-blind search for an ASCII word finds the rest, but not "café" for "cafe". False when
    /// there are more than <see cref="MaxOtherWords"/> such words. A word is bounded as <see cref="SearchText.Words"/>
    /// bounds it (an apostrophe between Cyrillic letters included).
    /// </summary>
    private static bool OtherWords(string text, SearchQuery query, List<(int At, int Phrase)> hits)
    {
        var others = 0;
        for (var i = BeyondAscii(text, 0); i >= 0;)
        {
            if (!SearchText.IsInWord(text, i))
            {
                i = BeyondAscii(text, i + 1);
                continue;
            }

            if (++others > MaxOtherWords)
            {
                return false;
            }

            var (start, end) = (i, i + 1);
            while (start > 0 && SearchText.IsInWord(text, start - 1))
            {
                start--;
            }

            while (end < text.Length && SearchText.IsInWord(text, end))
            {
                end++;
            }

            var term = SearchText.Normalize(text[start..end]);
            for (var p = 0; p < query.Phrases.Count; p++)
            {
                if (query.Phrases[p].Matches(0, term))
                {
                    hits.Add((start, p));
                }
            }

            i = BeyondAscii(text, end);
        }

        return true;
    }

    /// <summary>Where the first character beyond ASCII at or after <paramref name="from"/> is, or -1.</summary>
    private static int BeyondAscii(string text, int from)
    {
        var at = text.AsSpan(from).IndexOfAnyExceptInRange('\0', '\u007F');
        return at < 0 ? -1 : from + at;
    }

    private static string Passage(string text, SearchQuery query, bool before, bool after, out bool matched)
    {
        var words = SearchText.Words(text);
        var occurrences = Occurrences(text, words, query);
        matched = occurrences.Count > 0;
        if (words.Count <= PassageWords)
        {
            return Write(text, words, occurrences, 0, words.Count - 1, before, after);
        }

        var first = 0;
        if (matched)
        {
            // The window that starts at each occurrence, scored by the phrases it shows whole, then by matches.
            var best = (Score: -1, From: 0, To: 0);
            for (var i = 0; i < occurrences.Count; i++)
            {
                var end = occurrences[i].First + PassageWords - 1;
                var phrases = 0UL; // a query has at most 16 phrases (ArticleSearch.ToTerms)
                var last = i;
                for (var k = i; k < occurrences.Count && occurrences[k].Last <= end; k++)
                {
                    phrases |= 1UL << (occurrences[k].Phrase % 64);
                    last = k;
                }

                var score = (System.Numerics.BitOperations.PopCount(phrases) * 1000) + (last - i + 1);
                if (score > best.Score)
                {
                    best = (score, occurrences[i].First, occurrences[last].Last);
                }
            }

            first = best.From - ((PassageWords - (best.To - best.From + 1)) / 2);
            first = Math.Clamp(first, 0, words.Count - PassageWords);
        }

        return Write(text, words, occurrences, first, first + PassageWords - 1, before, after);
    }

    /// <summary>Every occurrence of every phrase, as word ranges, in order of their first word.</summary>
    private static List<(int First, int Last, int Phrase)> Occurrences(string text, List<(int Start, int Length)> words, SearchQuery query)
    {
        // Most words of a passage match nothing: a word whose first letter starts no phrase is passed over before it
        // is normalized (an ASCII letter is compared lower-case; anything else always goes the whole way).
        Span<bool> firsts = stackalloc bool[128];
        foreach (var phrase in query.Phrases)
        {
            var c = phrase.Words[0].Length > 0 ? phrase.Words[0][0] : '\0';
            if (c < 128)
            {
                firsts[c] = true;
            }
        }

        Span<char> buffer = stackalloc char[64];
        var found = new List<(int, int, int)>();
        for (var i = 0; i < words.Count; i++)
        {
            var first = text[words[i].Start];
            if (first < 128 && !firsts[char.ToLowerInvariant(first)])
            {
                continue;
            }

            var term = SearchText.Normalize(text.AsSpan(words[i].Start, words[i].Length), buffer);
            for (var p = 0; p < query.Phrases.Count; p++)
            {
                var phrase = query.Phrases[p];
                if (phrase.Matches(0, term) && (phrase.Words.Length == 1 || RestMatches(text, words, i, phrase)))
                {
                    found.Add((i, i + phrase.Words.Length - 1, p));
                }
            }
        }

        return found;
    }

    private static bool RestMatches(string text, List<(int Start, int Length)> words, int at, SearchPhrase phrase)
    {
        if (at + phrase.Words.Length > words.Count)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[64];
        for (var j = 1; j < phrase.Words.Length; j++)
        {
            var (start, length) = words[at + j];
            if (!phrase.Matches(j, SearchText.Normalize(text.AsSpan(start, length), buffer)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Words <paramref name="from"/> to <paramref name="to"/>, with the text before the first word and after the last
    /// when they end the text; <paramref name="before"/> and <paramref name="after"/>: the text is a stretch of a longer one.
    /// </summary>
    private static string Write(string text, List<(int Start, int Length)> words, List<(int First, int Last, int Phrase)> occurrences,
        int from, int to, bool before, bool after)
    {
        if (words.Count == 0)
        {
            return before || after ? "…" : text.Trim();
        }

        var cutBefore = from > 0 || before;
        var cutAfter = to < words.Count - 1 || after;
        var start = cutBefore ? words[from].Start : 0;
        var end = cutAfter ? words[to].Start + words[to].Length : text.Length;
        var sb = new System.Text.StringBuilder(end - start + 16);
        if (cutBefore)
        {
            sb.Append('…');
        }

        var at = start;
        var markedTo = -1;
        foreach (var (first, last, _) in occurrences)
        {
            // Overlapping occurrences ("a a" in "a a a") are marked as one run.
            var markFirst = Math.Max(Math.Max(first, from), markedTo + 1);
            var markLast = Math.Min(last, to);
            if (markFirst > markLast)
            {
                continue;
            }

            var markStart = words[markFirst].Start;
            var markEnd = words[markLast].Start + words[markLast].Length;
            if (first <= markedTo)
            {
                // It overlaps the last run: the run goes on.
                sb.Length--;
                sb.Append(text, at, markEnd - at).Append(ArticleSearch.MarkEnd[0]);
            }
            else
            {
                sb.Append(text, at, markStart - at).Append(ArticleSearch.MarkStart[0]).Append(text, markStart, markEnd - markStart).Append(ArticleSearch.MarkEnd[0]);
            }

            at = markEnd;
            markedTo = markLast;
        }

        sb.Append(text, at, end - at);
        if (cutAfter)
        {
            sb.Append('…');
        }

        return cutBefore || cutAfter ? sb.ToString() : sb.ToString().Trim();
    }
}
