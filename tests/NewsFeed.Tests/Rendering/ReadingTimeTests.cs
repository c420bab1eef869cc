using NewsFeed.Web.Rendering;

namespace NewsFeed.Tests.Rendering;

public sealed class ReadingTimeTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("one two  three", 3)]
    [InlineData("Kupiansk’s outskirts", 2)]
    [InlineData("Russia's goal", 2)]
    [InlineData("counter-sabotage operation", 2)]
    [InlineData("around 1,800 civilians, 104 kilometers", 5)]
    [InlineData("Київ — столиця України", 3)]
    [InlineData("Харків обʼєднує м'ясо", 3)]
    [InlineData("café naïve résumé", 3)]
    [InlineData("— … “ ” ( )", 0)]
    public void Counts_words_in_any_script(string text, int words) =>
        Assert.Equal(words, ReadingTime.CountWords(text));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(100, 1)]
    [InlineData(412, 1)]
    [InlineData(413, 2)]
    [InlineData(687, 2)]
    [InlineData(688, 3)]
    [InlineData(2750, 10)]
    public void Minutes_round_at_275_words_a_minute_and_never_fall_below_one(int words, int minutes) =>
        Assert.Equal(minutes, ReadingTime.Minutes(words));
}
