using CsCheck;
using NewsFeed.Web.Data;

namespace NewsFeed.Tests.Data;

/// <summary>
/// A save finds the views it must make again by searching every view's keys for any of the change's keys at once. It
/// must find exactly the views that name one of them as a whole word: not one whose key only begins, ends or contains it.
/// </summary>
public sealed class TouchedKeysTests
{
    // Keys that are prefixes, suffixes and infixes of each other, as slugs are ("a-port", "a-port-2", "ta-port").
    private static readonly string[] Words = ["a-port", "a-port-2", "ta-port", "port", "a-p", "t-port", "all", "al", "sections"];

    private static readonly Gen<string[]> Keys = Gen.Int[0, Words.Length - 1].Array[0, 6].Select(i => i.Select(k => Words[k]).ToArray());

    [Fact]
    public void A_view_is_touched_exactly_when_one_of_its_words_is_a_changed_key()
    {
        Gen.Select(Keys, Keys).Sample((view, change) =>
        {
            var viewKeys = string.Join(' ', view);
            var expected = viewKeys.Split(' ').Any(change.Contains);
            Assert.Equal(expected, new TouchedKeys(change).AnyIn(viewKeys));
        }, iter: 20_000, print: t => $"view '{string.Join(' ', t.Item1)}', change {string.Join(", ", t.Item2)}");
    }

    [Fact]
    public void A_change_of_many_keys_matches_as_one_of_a_few_does()
    {
        // Past 64 keys (a whole import's change), whole words are looked up one by one.
        Gen.Select(Keys, Gen.Int[65, 200]).Sample((view, filler) =>
        {
            var viewKeys = string.Join(' ', view);
            string[] change = [.. Enumerable.Range(0, filler).Select(i => $"a-port-{i + 3}"), "ta-port", "all"];
            Assert.Equal(viewKeys.Split(' ').Any(change.Contains), new TouchedKeys(change).AnyIn(viewKeys));
        }, iter: 2_000, print: t => $"view '{string.Join(' ', t.Item1)}', {t.Item2} keys");
    }

    [Fact]
    public void A_key_inside_a_longer_word_is_not_a_match()
    {
        var touched = new TouchedKeys(["a-port"]);

        Assert.False(touched.AnyIn("ta-port a-port-2 b-a-port"));
        Assert.True(touched.AnyIn("ta-port a-port-2 a-port"));
        Assert.True(touched.AnyIn("a-port"));
        Assert.False(new TouchedKeys([]).AnyIn("a-port"));
    }
}
