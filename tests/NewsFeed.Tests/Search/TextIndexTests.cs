using CsCheck;
using NewsFeed.Web.Search;

namespace NewsFeed.Tests.Search;

/// <summary>
/// The in-memory index against a plain reading of the rule, over thousands of random small sites and queries: every
/// article's fields split into words and compared one by one, BM25 summed phrase by phrase as FTS5 defines it. The
/// index must find the same public articles, count them the same, and rank them in the same order; after any run of
/// edits, deletions and author changes it must answer as an index built afresh from the result.
/// </summary>
public sealed class TextIndexTests
{
    private static Gen<string> OneOf(params string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    // Few words, so that articles share them, prefixes begin several, and phrases occur; diacritics and Cyrillic too.
    private static readonly string[] Vocabulary =
        ["harbour", "harbours", "harbourmaster", "Harbour", "lighthouse", "light", "the", "a", "café", "cafe", "CAFÉ", "київ", "Київ", "м'ясо", "42", "keeper"];

    private static readonly Gen<string> Text =
        Gen.Select(Gen.Int[0, Vocabulary.Length - 1], OneOf(" ", " ", ", ", ". ", "-", "\n", " — "), (w, sep) => Vocabulary[w] + sep)
            .Array[0, 14].Select(parts => string.Concat(parts));

    private static readonly Gen<SearchDocument> Document =
        Gen.Select(Gen.Int[0, 40], Text, Text, Text, Gen.Int[0, 3], Gen.Int[-30, 30], Gen.Bool, Text)
            .Select(t => new SearchDocument(t.Item1 + 1, $"s{t.Item1}", t.Item5 == 0 ? null : $"au{t.Item5}", t.Item7 && t.Item6 % 2 == 0,
                Now.AddDays(t.Item6), t.Item2, t.Item3, t.Item4, t.Item5 == 0 ? "" : $"Author {t.Item5}", t.Item8));

    private static readonly Gen<List<SearchDocument>> Site =
        Document.List[0, 30].Select(docs => docs.GroupBy(d => d.Slug).Select(g => g.Last()).ToList());

    private static readonly Gen<string> Query =
        Gen.Select(Gen.Int[0, Vocabulary.Length - 1], Gen.Int[1, 9], OneOf(" ", "\"", " \"", "* "), (w, cut, sep) =>
            Vocabulary[w][..Math.Min(cut, Vocabulary[w].Length)] + sep).Array[1, 4].Select(parts => string.Concat(parts));

    [Fact]
    public void The_index_finds_counts_and_ranks_as_the_rule_says()
    {
        Gen.Select(Site, Query, Gen.Int[0, 3]).Sample((site, text, page) =>
        {
            if (SearchQuery.Parse(text) is not { } query)
            {
                return;
            }

            using var index = new TextIndex(site);
            var expected = Rule(site, query);
            var result = index.Query(query, Now, page * 5, 5);

            Assert.Equal(expected.Count, result.Total);
            Assert.Equal(expected.Skip(page * 5).Take(5), result.Ids);

            // Each hit's text is its own article's, as the index read it (a passage is made from it).
            var byId = site.ToDictionary(d => d.Id);
            Assert.Equal(result.Ids.Select(id => (byId[id].Headline, byId[id].Dek, byId[id].Body)),
                result.Texts.Select(t => (t.Headline, t.Dek, t.Body)));
        }, iter: 5_000, threads: 1, print: t => $"{t.Item2} over {string.Join(" | ", t.Item1)}");
    }

    [Fact]
    public void Updates_leave_the_index_as_one_built_afresh()
    {
        var step = Gen.Select(Site, Gen.Int[0, 3], (added, author) => (Added: added, DropAuthor: author == 0 ? null : $"au{author}"));
        Gen.Select(Site, step.List[1, 8], Query.Array[1, 4]).Sample((site, steps, queries) =>
        {
            using var index = new TextIndex(site);
            var current = site.ToDictionary(d => d.Slug);
            foreach (var (added, dropAuthor) in steps)
            {
                index.Update(added, d => d.AuthorSlug == dropAuthor);
                foreach (var gone in current.Values.Where(d => d.AuthorSlug == dropAuthor).ToList())
                {
                    current.Remove(gone.Slug);
                }

                foreach (var d in added)
                {
                    current[d.Slug] = d;
                }
            }

            using var fresh = new TextIndex(current.Values);
            Assert.Equal(fresh.Count, index.Count);
            foreach (var query in queries.Select(SearchQuery.Parse).OfType<SearchQuery>())
            {
                Assert.Equal(fresh.Query(query, Now, 0, 50), index.Query(query, Now, 0, 50), ResultComparer.Instance);
            }
        }, iter: 1_000, threads: 1);
    }

    [Fact]
    public void Dropped_articles_are_compacted_away_and_the_answers_stay()
    {
        var site = Enumerable.Range(1, 3000).Select(i => new SearchDocument(i, $"s{i}", i % 2 == 0 ? "even" : "odd", false,
            Now.AddMinutes(-i), $"Story {i}", "", i % 3 == 0 ? "harbour light" : "light", "", "")).ToList();
        using var index = new TextIndex(site);
        var query = SearchQuery.Parse("harbour")!;
        var before = index.Query(query, Now, 0, 10);

        index.Update([], d => d.AuthorSlug == "odd");

        Assert.Equal(1500, index.Count);
        var after = index.Query(query, Now, 0, 10);
        Assert.Equal(500, after.Total);
        Assert.Equal(before.Ids.Where(id => id % 2 == 0).Take(5), after.Ids.Take(5));
    }

    /// <summary>The rule, read plainly: each field split into normalized words, each phrase looked for at every word.</summary>
    private static List<int> Rule(List<SearchDocument> site, SearchQuery query)
    {
        var fields = site.ToDictionary(d => d.Id, d => d.Fields.Select(f => SearchText.Words(f).Select(w => SearchText.Normalize(f.Substring(w.Start, w.Length))).ToList()).ToList());
        int[] Counts(SearchDocument d, SearchPhrase phrase) => [.. fields[d.Id].Select(words =>
            Enumerable.Range(0, words.Count).Count(i => i + phrase.Words.Length <= words.Count
                && Enumerable.Range(0, phrase.Words.Length).All(j => phrase.Matches(j, words[i + j]))))];

        var averageLength = site.Count == 0 ? 1.0 : Math.Max(1.0, (double)site.Sum(d => fields[d.Id].Sum(f => f.Count)) / site.Count);
        var scores = site.ToDictionary(d => d.Id, _ => 0.0);
        var alive = site.ToList();
        foreach (var phrase in query.Phrases)
        {
            var counts = site.ToDictionary(d => d.Id, d => Counts(d, phrase));
            var hits = counts.Count(c => c.Value.Any(n => n > 0));
            var idf = Math.Log((site.Count - hits + 0.5) / (hits + 0.5));
            idf = idf <= 0 ? 1e-6 : idf;
            alive = [.. alive.Where(d => counts[d.Id].Any(n => n > 0))];
            foreach (var d in alive)
            {
                var lengthNorm = 1.2 * (1 - 0.75 + (0.75 * fields[d.Id].Sum(f => f.Count) / averageLength));
                var score = 0.0;
                for (var f = 0; f < 5; f++)
                {
                    var tf = counts[d.Id][f];
                    if (tf > 0)
                    {
                        score += TextIndex.Weights[f] * tf * (1.2 + 1) / (tf + lengthNorm);
                    }
                }

                scores[d.Id] += idf * score;
            }
        }

        return [.. alive.Where(d => !d.IsDraft && d.PublishedUtc <= Now)
            .OrderByDescending(d => scores[d.Id]).ThenByDescending(d => d.PublishedUtc).ThenBy(d => d.Id).Select(d => d.Id)];
    }

    private sealed class ResultComparer : IEqualityComparer<TextIndexResult>
    {
        public static readonly ResultComparer Instance = new();

        public bool Equals(TextIndexResult? x, TextIndexResult? y) => x!.Total == y!.Total && x.Ids.SequenceEqual(y.Ids);

        public int GetHashCode(TextIndexResult obj) => obj.Total;
    }
}
