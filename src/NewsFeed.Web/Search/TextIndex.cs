namespace NewsFeed.Web.Search;

/// <summary>One article's searchable text, as the store keeps it (<see cref="ArticleSearch.ReadDocuments"/>).</summary>
public sealed record SearchDocument(
    int Id, string Slug, string? AuthorSlug, bool IsDraft, DateTime PublishedUtc,
    string Headline, string Dek, string Body, string Author, string Tags)
{
    /// <summary>The fields in index order: headline, dek, body, author, tags (the order of <see cref="TextIndex.Weights"/>).</summary>
    public string[] Fields => [Headline, Dek, Body, Author, Tags];
}

/// <summary>The ranked ids of one page of matches with their texts (in the same order), and how many public articles match in all.</summary>
public sealed record TextIndexResult(IReadOnlyList<int> Ids, IReadOnlyList<ArticleText> Texts, int Total)
{
    public static readonly TextIndexResult None = new([], [], 0);
}

/// <summary>
/// An article's headline, dek and body as the index read them, kept as UTF-8 (about half the size of a string for
/// the mostly Latin text of a body) and decoded only for the page of hits that shows them.
/// </summary>
public sealed class ArticleText
{
    private readonly byte[] _utf8;
    private readonly int _headlineEnd;
    private readonly int _dekEnd;

    public ArticleText(string headline, string dek, string body)
    {
        var encoding = System.Text.Encoding.UTF8;
        _utf8 = new byte[encoding.GetByteCount(headline) + encoding.GetByteCount(dek) + encoding.GetByteCount(body)];
        _headlineEnd = encoding.GetBytes(headline, _utf8);
        _dekEnd = _headlineEnd + encoding.GetBytes(dek, _utf8.AsSpan(_headlineEnd));
        encoding.GetBytes(body, _utf8.AsSpan(_dekEnd));
    }

    public string Headline => System.Text.Encoding.UTF8.GetString(_utf8, 0, _headlineEnd);

    public string Dek => System.Text.Encoding.UTF8.GetString(_utf8, _headlineEnd, _dekEnd - _headlineEnd);

    public string Body => System.Text.Encoding.UTF8.GetString(_utf8, _dekEnd, _utf8.Length - _dekEnd);
}

/// <summary>
/// An inverted index of every article's text, in memory: a posting per (word, article) with the word's count in each
/// field, and each article's words in order (for phrases). Queries rank with BM25 as SQLite's FTS5 defines it
/// (k1 1.2, b 0.75, the article's length over the average, each phrase's idf), weighted by field; ties go to the
/// newer article. Reads take a shared lock; <see cref="Update"/> an exclusive one, for the few articles an import
/// changed. Dropped articles leave holes that are compacted away once they outnumber a quarter of the articles.
/// Each article's headline, dek and body are kept too (<see cref="ArticleText"/>), for the passages of a page of hits.
/// </summary>
public sealed class TextIndex : IDisposable
{
    /// <summary>Headline, dek, body, author, tags: a word in the headline counts ten times one in the body.</summary>
    public static readonly double[] Weights = [10.0, 4.0, 1.0, 2.0, 3.0];

    private const int FieldCount = 5;
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<List<Posting>> _postings = [];
    private readonly List<int> _sorted = [];
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private List<Entry?> _entries = [];

    // What ranking reads of each slot, side by side (a query reads it for every match; through the entry it was two
    // objects a match): length -1 for a dropped article.
    private List<SlotFacts> _facts = [];
    private long _totalLength;
    private int _dead;

    public TextIndex(IEnumerable<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            Add(document);
        }

        SortTerms();
    }

    /// <summary>Articles in the index (public or not).</summary>
    public int Count => _slotOf.Count;

    /// <summary>The slugs of the articles <paramref name="select"/> selects.</summary>
    public List<string> Slugs(Func<SearchDocument, bool> select)
    {
        _lock.EnterReadLock();
        try
        {
            return [.. _entries.OfType<Entry>().Select(e => e.Document).Where(select).Select(d => d.Slug)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Drops every article <paramref name="drop"/> selects and every article of <paramref name="added"/>'s slugs, then
    /// adds <paramref name="added"/>.
    /// </summary>
    public void Update(IReadOnlyCollection<SearchDocument> added, Func<SearchDocument, bool> drop)
    {
        _lock.EnterWriteLock();
        try
        {
            for (var slot = 0; slot < _entries.Count; slot++)
            {
                if (_entries[slot] is { } entry && drop(entry.Document))
                {
                    Remove(slot);
                }
            }

            var terms = _terms.Count;
            foreach (var document in added)
            {
                Add(document);
            }

            if (_terms.Count != terms)
            {
                SortTerms();
            }

            if (_dead > 1024 && _dead > _slotOf.Count / 4)
            {
                Compact();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The public articles (not drafts, published by <paramref name="nowUtc"/>) that match every phrase, best first:
    /// <paramref name="count"/> of them from <paramref name="offset"/>, and how many match in all.
    /// </summary>
    public TextIndexResult Query(SearchQuery query, DateTime nowUtc, int offset, int count)
    {
        _lock.EnterReadLock();
        try
        {
            var scratch = Scratch.For(_entries.Count);
            var queryStamp = scratch.Next();
            var live = _slotOf.Count;
            var averageLength = live == 0 ? 1.0 : Math.Max(1.0, (double)_totalLength / live);
            var matches = new List<(int Slot, FieldCounts Counts)>();
            var facts = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_facts);
            var survivors = new List<int>();
            for (var p = 0; p < query.Phrases.Count; p++)
            {
                matches.Clear();
                Find(query.Phrases[p], scratch, scratch.Next(), matches);

                // FTS5's idf: over every row of the index, drafts included, as its bm25() counts them.
                var idf = Math.Log((live - matches.Count + 0.5) / (matches.Count + 0.5));
                if (idf <= 0)
                {
                    idf = 1e-6;
                }

                survivors.Clear();
                foreach (var (slot, counts) in matches)
                {
                    if (p == 0)
                    {
                        scratch.QueryStamp[slot] = queryStamp;
                        scratch.Matched[slot] = 0;
                        scratch.Score[slot] = 0;
                    }
                    else if (scratch.QueryStamp[slot] != queryStamp || scratch.Matched[slot] != p)
                    {
                        continue;
                    }

                    var lengthNorm = K1 * (1 - B + (B * facts[slot].Length / averageLength));
                    var score = 0.0;
                    for (var f = 0; f < FieldCount; f++)
                    {
                        var tf = counts[f];
                        if (tf > 0)
                        {
                            score += Weights[f] * tf * (K1 + 1) / (tf + lengthNorm);
                        }
                    }

                    scratch.Score[slot] += idf * score;
                    scratch.Matched[slot] = p + 1;
                    survivors.Add(slot);
                }

                if (survivors.Count == 0)
                {
                    return TextIndexResult.None;
                }
            }

            return Best(survivors, scratch.Score, nowUtc, offset, count);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private TextIndexResult Best(List<int> slots, double[] scores, DateTime nowUtc, int offset, int count)
    {
        // The best offset + count, kept in a heap with the worst on top: a common word matches every article, and
        // sorting them all for one page costs more than the rest of the query.
        var wanted = offset + count;
        var heap = new PriorityQueue<int, Rank>(wanted + 1, Worse.Instance);
        var total = 0;
        var facts = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_facts);
        var now = nowUtc.Ticks;
        foreach (var slot in slots)
        {
            ref readonly var fact = ref facts[slot];
            if (fact.VisibleFrom > now)
            {
                continue;
            }

            total++;
            var rank = new Rank(scores[slot], fact.VisibleFrom, fact.Id);
            if (heap.Count < wanted)
            {
                heap.Enqueue(slot, rank);
            }
            else if (wanted > 0 && heap.TryPeek(out _, out var worst) && Worse.Instance.Compare(worst, rank) < 0)
            {
                heap.DequeueEnqueue(slot, rank);
            }
        }

        var best = new Entry[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = _entries[heap.Dequeue()]!;
        }

        var page = offset >= best.Length ? [] : best[offset..];
        return new TextIndexResult([.. page.Select(e => e.Document.Id)], [.. page.Select(e => e.Text)], total);
    }

    /// <summary>Every live article the phrase occurs in, once each, with its count per field.</summary>
    private void Find(SearchPhrase phrase, Scratch scratch, int stamp, List<(int Slot, FieldCounts Counts)> matches)
    {
        var words = new List<int>[phrase.Words.Length];
        for (var j = 0; j < words.Length; j++)
        {
            words[j] = TermsOf(phrase, j);
            if (words[j].Count == 0)
            {
                return;
            }
        }

        if (words.Length == 1)
        {
            foreach (var term in words[0])
            {
                foreach (var posting in _postings[term])
                {
                    if (_facts[posting.Slot].Length < 0)
                    {
                        continue;
                    }

                    if (scratch.PhraseStamp[posting.Slot] != stamp)
                    {
                        scratch.PhraseStamp[posting.Slot] = stamp;
                        scratch.Seen[posting.Slot] = matches.Count;
                        matches.Add((posting.Slot, posting.Counts));
                    }
                    else
                    {
                        // Another word the prefix begins, in the same article.
                        var at = scratch.Seen[posting.Slot];
                        matches[at] = (posting.Slot, matches[at].Counts.Plus(posting.Counts));
                    }
                }
            }

            return;
        }

        // A phrase: the articles that have its rarest word, then each one's words read in order.
        var rarest = Enumerable.Range(0, words.Length).MinBy(j => words[j].Sum(t => _postings[t].Count));
        var sets = words.Select(w => w.Count == 1 ? null : w.ToHashSet()).ToArray();
        foreach (var term in words[rarest])
        {
            foreach (var posting in _postings[term])
            {
                if (_entries[posting.Slot] is not { } entry || scratch.PhraseStamp[posting.Slot] == stamp)
                {
                    continue;
                }

                scratch.PhraseStamp[posting.Slot] = stamp;
                var counts = default(FieldCounts);
                var start = 0;
                for (var f = 0; f < FieldCount; f++)
                {
                    var end = entry.Ends[f];
                    for (var i = start; i + words.Length <= end; i++)
                    {
                        var at = true;
                        for (var j = 0; j < words.Length && at; j++)
                        {
                            var token = entry.Tokens[i + j];
                            at = sets[j] is { } set ? set.Contains(token) : token == words[j][0];
                        }

                        if (at)
                        {
                            counts.Increment(f);
                        }
                    }

                    start = end;
                }

                if (counts.Any)
                {
                    matches.Add((posting.Slot, counts));
                }
            }
        }
    }

    /// <summary>The term ids word <paramref name="index"/> of the phrase matches: its own, or every word it begins.</summary>
    private List<int> TermsOf(SearchPhrase phrase, int index)
    {
        var word = phrase.Words[index];
        if (!(phrase.LastIsPrefix && index == phrase.Words.Length - 1))
        {
            return _termIds.TryGetValue(word, out var id) ? [id] : [];
        }

        var terms = new List<int>();
        var lo = 0;
        var hi = _sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(_terms[_sorted[mid]], word) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _sorted.Count && _terms[_sorted[i]].StartsWith(word, StringComparison.Ordinal); i++)
        {
            terms.Add(_sorted[i]);
        }

        return terms;
    }

    private void Add(SearchDocument document)
    {
        if (_slotOf.TryGetValue(document.Slug, out var old))
        {
            Remove(old);
        }

        Span<char> buffer = stackalloc char[64];
        var tokens = new List<int>();
        var ends = new int[FieldCount];
        var lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var fields = document.Fields;
        for (var f = 0; f < FieldCount; f++)
        {
            var text = fields[f].AsSpan();
            foreach (var (start, length) in SearchText.Words(text))
            {
                var term = SearchText.Normalize(text.Slice(start, length), buffer);
                if (!lookup.TryGetValue(term, out var id))
                {
                    id = _terms.Count;
                    var s = term.ToString();
                    _terms.Add(s);
                    _termIds.Add(s, id);
                    _postings.Add([]);
                }

                tokens.Add(id);
            }

            ends[f] = tokens.Count;
        }

        var slot = _entries.Count;
        var entry = new Entry(document with { Headline = "", Dek = "", Body = "", Author = "", Tags = "" }, [.. tokens], ends,
            new ArticleText(document.Headline, document.Dek, document.Body));
        _entries.Add(entry);
        _facts.Add(SlotFacts.Of(entry));
        _slotOf[document.Slug] = slot;
        _totalLength += entry.Length;
        AddPostings(slot, entry);
    }

    private void AddPostings(int slot, Entry entry)
    {
        var counts = new Dictionary<int, FieldCounts>();
        var start = 0;
        for (var f = 0; f < FieldCount; f++)
        {
            for (var i = start; i < entry.Ends[f]; i++)
            {
                var c = counts.GetValueOrDefault(entry.Tokens[i]);
                c.Increment(f);
                counts[entry.Tokens[i]] = c;
            }

            start = entry.Ends[f];
        }

        foreach (var (term, c) in counts)
        {
            _postings[term].Add(new Posting(slot, c));
        }
    }

    private void Remove(int slot)
    {
        if (_entries[slot] is not { } entry)
        {
            return;
        }

        _entries[slot] = null;
        _facts[slot] = SlotFacts.Dropped;
        _slotOf.Remove(entry.Document.Slug);
        _totalLength -= entry.Length;
        _dead++;
    }

    /// <summary>Postings made again from the live articles' words, in new slots; nothing is read or split again.</summary>
    private void Compact()
    {
        var live = _entries.OfType<Entry>().ToList();
        foreach (var postings in _postings)
        {
            postings.Clear();
        }

        _entries = [.. live];
        _facts = [.. live.Select(SlotFacts.Of)];
        _slotOf.Clear();
        for (var slot = 0; slot < live.Count; slot++)
        {
            _slotOf[live[slot].Document.Slug] = slot;
            AddPostings(slot, live[slot]);
        }

        _dead = 0;
    }

    private void SortTerms()
    {
        _sorted.Clear();
        _sorted.AddRange(Enumerable.Range(0, _terms.Count));
        _sorted.Sort((a, b) => string.CompareOrdinal(_terms[a], _terms[b]));
    }

    public void Dispose() => _lock.Dispose();

    private sealed record Entry(SearchDocument Document, int[] Tokens, int[] Ends, ArticleText Text)
    {
        public int Length => Tokens.Length;
    }

    /// <summary>A word's count in each field of one article (capped: past a few thousand, BM25 has long saturated).</summary>
    private readonly record struct Posting(int Slot, FieldCounts Counts);

    [System.Runtime.CompilerServices.InlineArray(FieldCount)]
    private struct FieldCounts
    {
        private ushort _count;

        public readonly bool Any
        {
            get
            {
                foreach (var c in this)
                {
                    if (c > 0)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public void Increment(int field)
        {
            if (this[field] < ushort.MaxValue)
            {
                this[field]++;
            }
        }

        public readonly FieldCounts Plus(FieldCounts other)
        {
            var sum = this;
            for (var f = 0; f < FieldCount; f++)
            {
                sum[f] = (ushort)Math.Min(ushort.MaxValue, sum[f] + other[f]);
            }

            return sum;
        }
    }

    private readonly record struct Rank(double Score, long Ticks, int Id);

    /// <summary>A slot's article id, length in words, and when it shows (its publication's ticks; never for a draft).</summary>
    private readonly record struct SlotFacts(int Id, int Length, long VisibleFrom)
    {
        public static readonly SlotFacts Dropped = new(0, -1, long.MaxValue);

        public static SlotFacts Of(Entry entry) =>
            new(entry.Document.Id, entry.Length, entry.Document.IsDraft ? long.MaxValue : entry.Document.PublishedUtc.Ticks);
    }

    /// <summary>
    /// A query's per-article working arrays, one set per thread (a query runs start to end on one), valid where their
    /// stamp is the query's or the phrase's: nothing is cleared between queries.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        private int _stamp;

        public int[] QueryStamp { get; private set; } = [];
        public int[] PhraseStamp { get; private set; } = [];
        public int[] Matched { get; private set; } = [];
        public int[] Seen { get; private set; } = [];
        public double[] Score { get; private set; } = [];

        public static Scratch For(int slots)
        {
            var scratch = _current ??= new Scratch();
            if (scratch.QueryStamp.Length < slots)
            {
                var size = slots + (slots / 4) + 16;
                (scratch.QueryStamp, scratch.PhraseStamp, scratch.Matched, scratch.Seen, scratch.Score) =
                    (new int[size], new int[size], new int[size], new int[size], new double[size]);
                scratch._stamp = 0;
            }

            return scratch;
        }

        /// <summary>A stamp no slot holds yet.</summary>
        public int Next()
        {
            if (_stamp == int.MaxValue)
            {
                Array.Clear(QueryStamp);
                Array.Clear(PhraseStamp);
                _stamp = 0;
            }

            return ++_stamp;
        }
    }

    /// <summary>Orders the worse of two ranks first: the lower score, then the older article, then the higher id.</summary>
    private sealed class Worse : IComparer<Rank>
    {
        public static readonly Worse Instance = new();

        public int Compare(Rank x, Rank y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score)
            : x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks)
            : y.Id.CompareTo(x.Id);
    }
}
