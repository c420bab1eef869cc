using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Capturing Kupiansk is Russia's 'strategic goal'", "capturing-kupiansk-is-russias-strategic-goal")]
    [InlineData("  Hello,   World!  ", "hello-world")]
    [InlineData("Crème brûlée at 9am", "creme-brulee-at-9am")]
    [InlineData("Київ", "")]
    [InlineData("../../etc", "etc")]
    [InlineData("\uFFFEHeadline\uFFFF here", "headline-here")]
    [InlineData("Lone \uD800 surrogate \uDC00 halves", "lone-surrogate-halves")]
    [InlineData("Plane \U0001FFFE nonchar and \uFDD0", "plane-nonchar-and")]
    [InlineData("Emoji \U0001F600 stays out", "emoji-stays-out")]
    public void Derives_url_slugs(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    [Fact]
    public void Long_text_is_cut_at_a_word_boundary()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("word", 100)));

        Assert.InRange(slug.Length, 100, 120);
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("ok-slug", true)]
    [InlineData("a1", true)]
    [InlineData("Upper", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("-lead", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    public void Validates_slugs(string slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));
}
