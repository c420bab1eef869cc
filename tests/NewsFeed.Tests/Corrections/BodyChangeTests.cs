using CsCheck;
using NewsFeed.Web.Corrections;

namespace NewsFeed.Tests.Corrections;

/// <summary>The word diff of two bodies, and the rule that tells a typo fix from a change readers are owed.</summary>
public sealed class BodyChangeTests
{
    private const string Body =
        "The newsroom meets at nine to plan the day.\n" +
        "\"We read every draft twice,\" the editor said, adding that 12 reporters file before noon.\n" +
        "Copy editors check names against the style guide.";

    [Theory]
    [InlineData("a typo in one word", "The newsroom meets at nine to plan teh day.", "The newsroom meets at nine to plan the day.")]
    [InlineData("a swapped pair of letters", "Copy editors check names aginst the style guide.", "Copy editors check names against the style guide.")]
    [InlineData("a missing letter", "Copy editors chek names against the style guide.", "Copy editors check names against the style guide.")]
    [InlineData("a capital at a sentence start", "the newsroom meets at nine.", "The newsroom meets at nine.")]
    [InlineData("punctuation at a word's end", "The newsroom meets at nine, to plan the day.", "The newsroom meets at nine to plan the day.")]
    [InlineData("three small fixes", "the newsroom meets at nien to plan teh day.", "The newsroom meets at nine to plan the day.")]
    public void A_typo_fix_is_not_significant(string why, string before, string after)
    {
        var change = BodyChange.Of(before, after);

        Assert.False(change.IsEmpty, why);
        Assert.False(change.IsSignificant, why);
    }

    [Theory]
    [InlineData("a changed number", "adding that 12 reporters file", "adding that 14 reporters file")]
    [InlineData("a changed name", "the editor Anna Lind said", "the editor Anna Lund said")]
    [InlineData("a changed quotation", "\"We read every draft twice,\" the editor said", "\"We read every draft once,\" the editor said")]
    [InlineData("a word of a quotation, one letter", "\"We read every draft twice,\" the editor said", "\"We read every draft twise,\" the editor said")]
    [InlineData("a word taken out", "the council did not approve the plan", "the council did approve the plan")]
    [InlineData("a word added", "the council approved the plan", "the council never approved the plan")]
    [InlineData("a different word", "the meeting was calm", "the meeting was tense")]
    [InlineData("more than a few words", "editors read the draft and then the proofs", "editors read each page of the proofs twice over")]
    [InlineData("a name at a sentence start", "Lind said so. Then she left.", "Lund said so. Then she left.")]
    [InlineData("an acronym at a sentence start", "Nato met. It agreed.", "NATO met. It agreed.")]
    [InlineData("a typo in a capitalised word (it may be a name)", "Teh newsroom meets at nine.", "The newsroom meets at nine.")]
    [InlineData("a capital inside a sentence", "the plan of the council", "the plan of the Council")]
    public void A_change_readers_are_owed_is_significant(string why, string before, string after) =>
        Assert.True(BodyChange.Of(before, after).IsSignificant, why);

    [Fact]
    public void The_same_text_has_no_change_even_with_other_white_space()
    {
        var change = BodyChange.Of(Body, Body.Replace(" ", "  ", StringComparison.Ordinal));

        Assert.True(change.IsEmpty);
        Assert.False(change.IsSignificant);
        Assert.Equal([WordChange.Same], change.Spans.Select(s => s.Kind));
    }

    [Fact]
    public void A_replacement_is_its_removed_words_then_its_added_words()
    {
        var change = BodyChange.Of("editors meet at nine every day", "editors meet at ten on weekdays");

        Assert.Equal("editors meet at [-nine every day-] {+ten on weekdays+}", change.ToString());
        Assert.Equal(3, change.ChangedWords);
        var place = Assert.Single(change.Places());
        Assert.Equal([(WordChange.Same, "editors meet at"), (WordChange.Removed, "nine every day"), (WordChange.Added, "ten on weekdays")],
            place.Spans.Select(s => (s.Kind, string.Join(' ', s.Words))));
        Assert.False(place.MoreBefore || place.MoreAfter);
        Assert.Equal("\"nine every day\" → \"ten on weekdays\"", change.Summary());
    }

    [Fact]
    public void The_summary_names_additions_and_removals_and_counts_the_rest()
    {
        var change = BodyChange.Of("a b c d e f g h i j k l", "a x c e f y g h j k l z");

        Assert.Equal("\"b\" → \"x\"; \"d\" removed; \"y\" added; and 2 more", change.Summary());
    }

    [Fact]
    public void A_place_keeps_six_words_either_side_and_says_when_the_text_goes_on()
    {
        var change = BodyChange.Of("one two three four five six seven eight nine ten", "one two three four five six seven EIGHT nine ten");

        var place = Assert.Single(change.Places());
        Assert.Equal(["two three four five six seven", "eight", "EIGHT", "nine ten"], place.Spans.Select(s => string.Join(' ', s.Words)));
        Assert.True(place.MoreBefore);
        Assert.False(place.MoreAfter);
    }

    [Fact]
    public void Places_closer_than_twice_the_context_are_one_and_farther_ones_are_two()
    {
        var words = Enumerable.Range(1, 40).Select(i => $"w{i}").ToArray();
        string With(params int[] changed) => string.Join(' ', words.Select((w, i) => changed.Contains(i) ? w.ToUpperInvariant() : w));

        var close = Assert.Single(BodyChange.Of(With(), With(10, 22)).Places());
        Assert.Equal([WordChange.Same, WordChange.Removed, WordChange.Added, WordChange.Same, WordChange.Removed, WordChange.Added, WordChange.Same],
            close.Spans.Select(s => s.Kind));
        Assert.Equal(11, close.Spans[3].Words.Count);

        var apart = BodyChange.Of(With(), With(10, 30)).Places();
        Assert.Equal(2, apart.Count);
        Assert.True(apart[0].MoreAfter);
        Assert.True(apart[1].MoreBefore);
        Assert.Equal(["w5", "w6", "w7", "w8", "w9", "w10"], apart[0].Spans[0].Words);
        Assert.Equal(["w12", "w13", "w14", "w15", "w16", "w17"], apart[0].Spans[^1].Words);
    }

    [Fact]
    public void A_rewrite_too_long_to_compare_word_by_word_is_removed_and_added_whole()
    {
        var old = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"old{i}"));
        var @new = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"new{i}"));

        var change = BodyChange.Of("Start. " + old + " End.", "Start. " + @new + " End.");

        Assert.Equal([WordChange.Same, WordChange.Removed, WordChange.Added, WordChange.Same], change.Spans.Select(s => s.Kind));
        Assert.True(change.IsSignificant);
    }

    [Theory]
    [InlineData("teh", "the", 1)]
    [InlineData("recieve", "receive", 1)]
    [InlineData("cat", "dog", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Edit_distance_counts_a_swap_of_neighbours_as_one(string a, string b, int distance) =>
        Assert.Equal(distance, BodyChange.EditDistance(a, b));

    private static readonly string[] Vocabulary = ["the", "editor", "said", "12", "Lind", "\"We", "read", "twice,\"", "plan", "day.", "not", "teh", "Kyiv’s"];

    private static readonly Gen<string> Text = Gen.Int[0, Vocabulary.Length - 1].Select(i => Vocabulary[i]).Array[0, 40]
        .Select(Gen.Int[0, 4].Array[40], (words, breaks) => string.Concat(words.Select((w, i) => w + (breaks[i] == 0 ? "\n" : " "))));

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void The_diff_gives_back_both_texts_and_a_text_has_no_change_from_itself()
    {
        Gen.Select(Text, Text).Sample((old, @new) =>
        {
            var change = BodyChange.Of(old, @new);
            Assert.Equal(Words(old), string.Join(' ', change.Spans.Where(s => s.Kind != WordChange.Added).SelectMany(s => s.Words)));
            Assert.Equal(Words(@new), string.Join(' ', change.Spans.Where(s => s.Kind != WordChange.Removed).SelectMany(s => s.Words)));
            Assert.Equal(Words(old) == Words(@new), change.IsEmpty);
            Assert.True(BodyChange.Of(@new, @new).IsEmpty);
            // No two runs of one kind in a row, and no empty run.
            Assert.All(change.Spans.Zip(change.Spans.Skip(1)), p => Assert.NotEqual(p.First.Kind, p.Second.Kind));
            Assert.All(change.Spans, s => Assert.NotEmpty(s.Words));
        }, iter: 2_000, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void A_changed_number_is_always_significant()
    {
        Gen.Select(Text, Gen.Int[0, 999], Gen.Int[0, 999]).Where((_, a, b) => a != b).Sample((text, a, b) =>
        {
            var before = $"{text} about {a} editors";
            var after = $"{text} about {b} editors";
            Assert.True(BodyChange.Of(before, after).IsSignificant, $"{a} → {b}");
        }, iter: 1_000, seed: "0N0XIzNsQ0O2");
    }
}
