namespace NewsFeed.Web.Corrections;

/// <summary>What one run of words did between two versions of a body.</summary>
public enum WordChange
{
    Same,
    Removed,
    Added,
}

/// <summary>A run of words that stayed, went or came; words are the text between white space, punctuation attached.</summary>
public sealed record WordSpan(WordChange Kind, IReadOnlyList<string> Words);

/// <summary>
/// One place that changed, for showing: a few unchanged words, what was removed and added (with the unchanged words
/// between, when changes are close), a few unchanged words; and whether the text goes on past those (shown as "…").
/// </summary>
public sealed record ChangedPlace(IReadOnlyList<WordSpan> Spans, bool MoreBefore, bool MoreAfter);

/// <summary>
/// The word diff of two versions of an article's visible body text (a longest common subsequence of their words), and
/// whether readers would want to be told of it (<see cref="IsSignificant"/>).
/// </summary>
/// <remarks>
/// The rule, kept simple so an editor can predict it. A change is a <b>typo fix</b>, and not significant, when at most
/// <see cref="MaxTypoWords"/> words changed in all, each replaced one for one by a word at most two edits away (and at
/// most half its length: "teh" → "the", "recieve" → "receive", "in" → "on"), and none of them has a digit, a capital
/// letter, or stands inside quotation marks; a sentence's first letter made a capital ("the" → "The") is a typo fix
/// too. Anything else is significant: a changed number or date, a changed name, a changed quotation, a word added or
/// taken out ("not"), a word swapped for a different one, or more than a few words. A name cannot be told from a
/// sentence's first word, so a typo in a capitalised word ("Teh" → "The") counts as significant: a warning too many
/// costs the editor a look, a name changed unseen costs readers the truth.
/// </remarks>
public sealed class BodyChange
{
    /// <summary>More changed words than this is never a typo fix.</summary>
    public const int MaxTypoWords = 3;

    // The common middle of two bodies is compared word by word in a table of this many cells at most (4 MB); past it
    // (thousands of words rewritten) the middle is shown as removed and added whole, which is significant anyway.
    private const int MaxTableCells = 1_000_000;

    private static readonly string QuoteMarks = "\"'“”‘’«»„‚‹›";

    private readonly Word[] _old;
    private readonly Word[] _new;
    private readonly List<(WordChange Kind, int Start, int Count)> _runs;

    private BodyChange(Word[] old, Word[] @new, List<(WordChange, int, int)> runs)
    {
        (_old, _new, _runs) = (old, @new, runs);
        Spans = [.. _runs.Select(r => new WordSpan(r.Kind, [.. Enumerable.Range(r.Start, r.Count).Select(i => (r.Kind == WordChange.Removed ? _old : _new)[i].Text)]))];
        ChangedWords = Hunks().Sum(h => Math.Max(h.Removed.Count, h.Added.Count));
        IsSignificant = ChangedWords > 0 && !IsTypoFix();
    }

    /// <summary>The whole new text in order: runs that stayed, and what was removed before what was added in its place.</summary>
    public IReadOnlyList<WordSpan> Spans { get; }

    /// <summary>Words changed in all: for each place that changed, the larger of the words removed and the words added.</summary>
    public int ChangedWords { get; }

    public bool IsEmpty => ChangedWords == 0;

    public bool IsSignificant { get; }

    public static BodyChange Of(string oldText, string newText)
    {
        var old = Words(oldText);
        var @new = Words(newText);
        return new BodyChange(old, @new, Diff(old, @new));
    }

    /// <summary>
    /// The places that changed, each with <paramref name="context"/> unchanged words either side; two places fewer than
    /// twice that apart are one, so no word is shown twice.
    /// </summary>
    public IReadOnlyList<ChangedPlace> Places(int context = 6)
    {
        var places = new List<ChangedPlace>();
        List<WordSpan>? place = null;
        var moreBefore = false;
        for (var i = 0; i < Spans.Count; i++)
        {
            var span = Spans[i];
            if (span.Kind != WordChange.Same)
            {
                if (place is null)
                {
                    place = [];
                    if (i > 0)
                    {
                        place.Add(new WordSpan(WordChange.Same, [.. Spans[i - 1].Words.TakeLast(context)]));
                        moreBefore = Spans[i - 1].Words.Count > context || i > 1;
                    }
                    else
                    {
                        moreBefore = false;
                    }
                }

                place.Add(span);
                continue;
            }

            if (place is null)
            {
                continue;
            }

            var last = i == Spans.Count - 1;
            if (!last && span.Words.Count <= 2 * context)
            {
                place.Add(span);
                continue;
            }

            place.Add(new WordSpan(WordChange.Same, [.. span.Words.Take(context)]));
            places.Add(new ChangedPlace(place, moreBefore, !last || span.Words.Count > context));
            place = null;
        }

        if (place is not null)
        {
            places.Add(new ChangedPlace(place, moreBefore, false));
        }

        return places;
    }

    /// <summary>One line for the problem list: what became what, in the first few places.</summary>
    public string Summary(int places = 3)
    {
        static string Quote(List<Word> words) =>
            "\"" + string.Join(' ', words.Take(6).Select(w => w.Text)) + (words.Count > 6 ? " …" : "") + "\"";

        var hunks = Hunks().ToList();
        var parts = hunks.Take(places).Select(h => (h.Removed.Count, h.Added.Count) switch
        {
            (0, _) => $"{Quote(h.Added)} added",
            (_, 0) => $"{Quote(h.Removed)} removed",
            _ => $"{Quote(h.Removed)} → {Quote(h.Added)}",
        }).ToList();
        if (hunks.Count > places)
        {
            parts.Add($"and {hunks.Count - places} more");
        }

        return string.Join("; ", parts);
    }

    private IEnumerable<(List<Word> Removed, List<Word> Added)> Hunks()
    {
        for (var i = 0; i < _runs.Count; i++)
        {
            var (kind, start, count) = _runs[i];
            if (kind == WordChange.Same)
            {
                continue;
            }

            var removed = kind == WordChange.Removed ? _old[start..(start + count)].ToList() : [];
            var added = new List<Word>();
            if (kind == WordChange.Added)
            {
                added.AddRange(_new[start..(start + count)]);
            }
            else if (i + 1 < _runs.Count && _runs[i + 1].Kind == WordChange.Added)
            {
                var next = _runs[++i];
                added.AddRange(_new[next.Start..(next.Start + next.Count)]);
            }

            yield return (removed, added);
        }
    }

    private bool IsTypoFix()
    {
        if (ChangedWords > MaxTypoWords)
        {
            return false;
        }

        foreach (var (removed, added) in Hunks())
        {
            if (removed.Count != added.Count)
            {
                return false;
            }

            for (var i = 0; i < removed.Count; i++)
            {
                if (IsFirstLetterCase(removed[i], added[i]))
                {
                    continue;
                }

                if (IsTelling(removed[i]) || IsTelling(added[i]) || !IsSmallEdit(removed[i].Text, added[i].Text))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The one change of a capital that is no name: a sentence's first letter, and nothing else ("the" → "The").</summary>
    private static bool IsFirstLetterCase(Word removed, Word added) =>
        removed.SentenceStart && added.SentenceStart && !removed.Quoted && !added.Quoted && removed.Text.Length > 0
        && removed.Text != added.Text && string.Equals(removed.Text, added.Text, StringComparison.OrdinalIgnoreCase)
        && removed.Text[1..] == added.Text[1..];

    /// <summary>A word whose change readers are owed: a number, a name, or words of a quotation.</summary>
    private static bool IsTelling(Word word)
    {
        var text = word.Text;
        if (text.Any(char.IsDigit) || word.Quoted)
        {
            return true;
        }

        // A capital letter may be a name: a first word of a sentence reads like one ("Lind said" → "Lund said").
        return text.Any(char.IsUpper);
    }

    private static bool IsSmallEdit(string a, string b)
    {

        var distance = EditDistance(a, b);
        return distance <= Math.Min(2, Math.Max(a.Length, b.Length) / 2);
    }

    /// <summary>Edits (insert, delete, replace, swap two neighbours) from one word to the other: "teh" → "the" is one.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>A word, whether it begins a sentence (or a paragraph), and whether it stands in a quotation.</summary>
    private readonly record struct Word(string Text, bool SentenceStart, bool Quoted);

    /// <summary>
    /// The words of a text. A quotation runs from a word that opens with a quote mark to one that closes with one, within
    /// a paragraph (a line of the plain text): an apostrophe inside a word ("Kupiansk’s") opens nothing.
    /// </summary>
    private static Word[] Words(string text)
    {
        var words = new List<Word>();
        foreach (var line in text.Split('\n'))
        {
            var sentenceStart = true;
            var quoted = false;
            foreach (var token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                var core = token.Trim("([{.,;:!?)]}…—–-".ToCharArray());
                var opens = core.Length > 0 && QuoteMarks.Contains(core[0]);
                var closes = core.Length > 0 && QuoteMarks.Contains(core[^1]);
                words.Add(new Word(token, sentenceStart, quoted || opens));
                if (quoted)
                {
                    quoted = !closes;
                }
                else if (opens)
                {
                    // A word in quote marks of its own ("“no”") opens and closes its quotation.
                    quoted = !(closes && core.Length > 1);
                }

                sentenceStart = EndsSentence(token);
            }
        }

        return [.. words];
    }

    private static bool EndsSentence(string token)
    {
        var end = token.TrimEnd((QuoteMarks + ")]").ToCharArray());
        return end.Length > 0 && end[^1] is '.' or '!' or '?' or '…' or ':';
    }

    /// <summary>Runs of (kind, start in its own sequence, count): the common ends first, then a table over the middle.</summary>
    private static List<(WordChange, int, int)> Diff(Word[] old, Word[] @new)
    {
        var prefix = 0;
        while (prefix < old.Length && prefix < @new.Length && old[prefix].Text == @new[prefix].Text)
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < old.Length - prefix && suffix < @new.Length - prefix && old[^(suffix + 1)].Text == @new[^(suffix + 1)].Text)
        {
            suffix++;
        }

        var ops = new List<WordChange>(old.Length + @new.Length);
        ops.AddRange(Enumerable.Repeat(WordChange.Same, prefix));
        var n = old.Length - prefix - suffix;
        var m = @new.Length - prefix - suffix;
        if ((long)(n + 1) * (m + 1) > MaxTableCells)
        {
            ops.AddRange(Enumerable.Repeat(WordChange.Removed, n));
            ops.AddRange(Enumerable.Repeat(WordChange.Added, m));
        }
        else
        {
            ops.AddRange(Middle(old.AsSpan(prefix, n), @new.AsSpan(prefix, m)));
        }

        ops.AddRange(Enumerable.Repeat(WordChange.Same, suffix));
        return Runs(ops);
    }

    /// <summary>The longest common subsequence of two runs of words, as the operations that turn one into the other.</summary>
    private static List<WordChange> Middle(ReadOnlySpan<Word> old, ReadOnlySpan<Word> @new)
    {
        // lengths[i, j]: the longest common subsequence of old[i..] and new[j..].
        var lengths = new int[old.Length + 1, @new.Length + 1];
        for (var i = old.Length - 1; i >= 0; i--)
        {
            for (var j = @new.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = old[i].Text == @new[j].Text ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var ops = new List<WordChange>(old.Length + @new.Length);
        int x = 0, y = 0;
        while (x < old.Length || y < @new.Length)
        {
            if (x < old.Length && y < @new.Length && old[x].Text == @new[y].Text)
            {
                ops.Add(WordChange.Same);
                x++;
                y++;
            }
            else if (y == @new.Length || (x < old.Length && lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                ops.Add(WordChange.Removed);
                x++;
            }
            else
            {
                ops.Add(WordChange.Added);
                y++;
            }
        }

        return ops;
    }

    /// <summary>
    /// Operations to runs, with each place that changed as its removed words, then its added words: "a b" → "c d" is
    /// one removal of "a b" and one addition of "c d", not removals and additions interleaved.
    /// </summary>
    private static List<(WordChange, int, int)> Runs(List<WordChange> ops)
    {
        var runs = new List<(WordChange Kind, int Start, int Count)>();
        int x = 0, y = 0, i = 0;
        while (i < ops.Count)
        {
            if (ops[i] == WordChange.Same)
            {
                var start = y;
                while (i < ops.Count && ops[i] == WordChange.Same)
                {
                    (x, y, i) = (x + 1, y + 1, i + 1);
                }

                runs.Add((WordChange.Same, start, y - start));
                continue;
            }

            int removedStart = x, addedStart = y;
            while (i < ops.Count && ops[i] != WordChange.Same)
            {
                if (ops[i] == WordChange.Removed)
                {
                    x++;
                }
                else
                {
                    y++;
                }

                i++;
            }

            if (x > removedStart)
            {
                runs.Add((WordChange.Removed, removedStart, x - removedStart));
            }

            if (y > addedStart)
            {
                runs.Add((WordChange.Added, addedStart, y - addedStart));
            }
        }

        return runs;
    }

    public override string ToString() => string.Concat(Spans.Select(s => s.Kind switch
    {
        WordChange.Removed => $"[-{string.Join(' ', s.Words)}-]",
        WordChange.Added => $"{{+{string.Join(' ', s.Words)}+}}",
        _ => string.Join(' ', s.Words),
    } + " ")).TrimEnd();
}
