using CsCheck;
using NewsFeed.Web.Search;

namespace NewsFeed.Tests.Search;

/// <summary>How a Ukrainian word becomes a term, the same in an article and in a query.</summary>
public sealed class SearchTextTests
{
    private const string Letters = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";

    private static readonly Gen<string> Part = Gen.Char[Letters].Array[1, 8].Select(c => new string(c));

    // No apostrophe, or one of the three ways Ukrainian writes it.
    private static readonly string[] Spellings = ["", "'", "\u2019", "\u02BC"];

    private static readonly Gen<string> Apostrophe = Gen.Int[0, 3].Select(i => Spellings[i]);

    private static readonly Gen<bool[]> Case = Gen.Bool.Array[20];

    private static string Cased(string text, bool[] upper) =>
        new([.. text.Select((c, i) => upper[i % upper.Length] ? char.ToUpperInvariant(c) : c)]);

    [Fact]
    public void A_word_with_an_apostrophe_is_one_word_whose_term_every_spelling_of_it_gives()
    {
        Gen.Select(Part, Part, Apostrophe, Apostrophe, Case, Case).Sample((before, after, inText, inQuery, textCase, queryCase) =>
        {
            var word = Cased(before + inText + after, textCase);
            var text = $"Слово {word}, далі.";

            var words = SearchText.Words(text);
            Assert.Equal(3, words.Count);
            Assert.Equal(word, text.Substring(words[1].Start, words[1].Length));

            var query = SearchQuery.Parse(Cased(before + inQuery + after, queryCase));
            var term = Assert.Single(Assert.Single(query!.Phrases).Words);
            Assert.Equal(SearchText.Normalize(word), term);
            Assert.Equal((before + after).ToLowerInvariant(), term);
        }, iter: 5_000);
    }

    [Theory]
    [InlineData("Russia's port", new[] { "Russia", "s", "port" })]
    [InlineData("м'ясо, 'цитата'", new[] { "м'ясо", "цитата" })]
    [InlineData("кінець' початок", new[] { "кінець", "початок" })]
    public void An_apostrophe_joins_only_two_cyrillic_letters(string text, string[] expected) =>
        Assert.Equal(expected, SearchText.Words(text).Select(w => text.Substring(w.Start, w.Length)));
}
