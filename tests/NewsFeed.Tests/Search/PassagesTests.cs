using CsCheck;
using NewsFeed.Web.Search;

namespace NewsFeed.Tests.Search;

/// <summary>
/// A hit's passage over random texts, short and long (a long ASCII text takes the vectorised path): it is the text's
/// own words in order, cut with "…" only where the text goes on, at most <see cref="Passages.PassageWords"/> words
/// when cut, every mark on words the query matches, and a mark whenever the text holds a match.
/// </summary>
public sealed class PassagesTests
{
    private static Gen<string> OneOf(params string[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly string[] Vocabulary =
        ["harbour", "harbours", "Harbour", "light", "lighthouse", "the", "of", "a", "keeper", "café", "Київ", "42", "<b>", "&amp;"];

    // Half the texts plain ASCII, so that the long ones take the vectorised path.
    private static readonly Gen<string> Text =
        Gen.Bool.SelectMany(ascii => Gen.Select(Gen.Int[0, Vocabulary.Length - 1], OneOf(" ", " ", ", ", ". ", "\n", ascii ? " -- " : " — ", "-"),
            (w, sep) => ascii && !System.Text.Ascii.IsValid(Vocabulary[w]) ? "plain " : Vocabulary[w] + sep)
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

    [Fact]
    public void A_headline_is_marked_whole()
    {
        var query = SearchQuery.Parse("harb")!;

        Assert.Equal("The \u0001Harbour\u0002 and the \u0001harbours\u0002.", Passages.Highlight("The Harbour and the harbours.", query));
    }
}
