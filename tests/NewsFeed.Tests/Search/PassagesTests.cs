using CsCheck;
using NewsFeed.Web.Search;

namespace NewsFeed.Tests.Search;

/// <summary>
/// A hit's passage over random texts, short and long (a long text in Latin script takes the vectorised path): it is the text's
/// own words in order, cut with "…" only where the text goes on, at most <see cref="Passages.PassageWords"/> words
/// when cut, every mark on words the query matches, and a mark whenever the text holds a match.
/// </summary>
public sealed class PassagesTests
{
    private static Gen<string> OneOf(params string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly string[] Vocabulary =
        ["harbour", "harbours", "Harbour", "light", "lighthouse", "the", "of", "a", "keeper", "café", "Київ", "42", "<b>", "&amp;",
            "harbourá", "Café's", "м'ясо", "ʼharbour", "“harbour”"];

    // Texts of three kinds, so that long ones take each path: plain ASCII; Latin (ASCII words and a few with accents,
    // between typographic quotes and dashes), which the vectorised search reads too; and anything, Cyrillic included.
    private static string Part(int kind, string word, string separator) => kind switch
    {
        0 => (System.Text.Ascii.IsValid(word) ? word : "plain") + separator.Replace("—", "--", StringComparison.Ordinal),
        1 => (System.Text.Ascii.IsValid(word.Trim('“', '”')) || (separator == "\n" && !word.Any(c => c is >= '\u0400' and <= '\u04FF')) ? word : "plain") + separator,
        _ => word + separator,
    };

    private static readonly Gen<string> Text =
        Gen.Int[0, 2].SelectMany(kind => Gen.Select(Gen.Int[0, Vocabulary.Length - 1], OneOf(" ", " ", ", ", ". ", "\n", " — ", "-", "’ ", " “"),
            (w, sep) => Part(kind, Vocabulary[w], sep))
            .Array[0, 600].Select(parts => string.Concat(parts)));

    private static readonly Gen<string> Query =
        Gen.Select(Gen.Int[0, Vocabulary.Length - 1], Gen.Int[1, 9], OneOf(" ", "\"", " \""), (w, cut, sep) =>
            Vocabulary[w][..Math.Min(cut, Vocabulary[w].Length)] + sep).Array[1, 3].Select(parts => string.Concat(parts));

    [Fact]
    public void A_passage_is_the_texts_own_words_marked_where_they_match()
    {
        Gen.Select(Text, Query).Sample((text, q) =>
        {
            if (SearchQuery.Parse(q) is not { } query)
            {
                return;
            }

            var passage = Passages.Passage(text, query, out var matched);

            var plain = passage.Replace(ArticleSearch.MarkStart, "", StringComparison.Ordinal).Replace(ArticleSearch.MarkEnd, "", StringComparison.Ordinal);
            var cutBefore = plain.StartsWith('…') && !text.TrimStart().StartsWith('…');
            var cutAfter = plain.EndsWith('…') && !text.TrimEnd().EndsWith('…');
            var inner = plain[(cutBefore ? 1 : 0)..^(cutAfter && plain.Length > (cutBefore ? 1 : 0) ? 1 : 0)];
            Assert.Contains(inner, text, StringComparison.Ordinal);
            if (cutBefore || cutAfter)
            {
                Assert.InRange(SearchText.Words(inner).Count, 0, Passages.PassageWords);
            }
            else
            {
                Assert.Equal(text.Trim(), inner);
            }

            var words = SearchText.Words(text).Select(w => SearchText.Normalize(text.Substring(w.Start, w.Length))).ToList();
            var anyMatch = Enumerable.Range(0, words.Count).Any(i => query.Phrases.Any(p => i + p.Words.Length <= words.Count
                && Enumerable.Range(0, p.Words.Length).All(j => p.Matches(j, words[i + j]))));
            Assert.Equal(anyMatch, matched);
            Assert.Equal(matched, passage.Contains(ArticleSearch.MarkStart, StringComparison.Ordinal));

            // Every marked run starts with a word some phrase starts with.
            foreach (var run in passage.Split(ArticleSearch.MarkStart).Skip(1).Select(r => r[..r.IndexOf(ArticleSearch.MarkEnd, StringComparison.Ordinal)]))
            {
                var first = SearchText.Words(run)[0];
                var term = SearchText.Normalize(run.Substring(first.Start, first.Length));
                Assert.Contains(query.Phrases, p => p.Matches(0, term) || p.Words.Any(w => term == w || term.StartsWith(w, StringComparison.Ordinal)));
            }
        }, iter: 3_000, threads: 1, print: t => $"{t.Item2} in {t.Item1}");
    }

    // Found by the generator above: a phrase whose first word normalizes to nothing ("ʼ") made the vectorised search
    // for it stand still on a word character, and the request never ended.
    [Theory]
    [InlineData("Café \"ʼ harbourá\"", "harbour keeper light. ")]
    [InlineData("harbour ʼ", "harbour “keeper” light. ")]
    [InlineData("\"ʼ harbour\"", "ʼ harbour café light. ")]
    public async Task A_query_word_that_normalizes_to_nothing_still_gives_a_passage(string q, string sentence)
    {
        var text = string.Concat(Enumerable.Repeat(sentence, 200));
        var query = SearchQuery.Parse(q)!;

        // On a thread of its own, so that a loop that never ends fails the test instead of hanging the run.
        var passage = await Task.Run(() => Passages.Passage(text, query, out _), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Contains("harbour", passage, StringComparison.Ordinal);
    }

    // Found by the generator above: "ʼ" matched every article in the index (nothing begins every word) and no word of
    // a passage. Such words are left out of a query; alone, nothing is searched.
    [Fact]
    public void A_word_of_apostrophes_alone_is_not_searched()
    {
        Assert.Null(SearchQuery.Parse("ʼ ʼʼ \"ʼ\""));
        Assert.Equal(["harbour"], Assert.Single(SearchQuery.Parse("\"ʼ harbour\"")!.Phrases).Words);
    }

    [Fact]
    public void A_headline_is_marked_whole()
    {
        var query = SearchQuery.Parse("harb")!;

        Assert.Equal("The \u0001Harbour\u0002 and the \u0001harbours\u0002.", Passages.Highlight("The Harbour and the harbours.", query));
    }
}
