using NewsFeed.Web.Caching;

namespace NewsFeed.Tests.Caching;

/// <summary>The one rule for which keys an article's change touches.</summary>
public sealed class ContentChangeTests
{
    private static readonly DateTime Day = new(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static ArticleFacts Facts(string slug = "a", DateTime? published = null, bool draft = false, string? section = "news", string? author = "jo", params string[] tags) =>
        new(slug, published ?? Day, draft, section, author, tags.Length == 0 ? ["port"] : tags);

    private static string[] Keys(ArticleFacts? before, ArticleFacts? after) =>
        [.. ArticleFacts.Changes([(before, after)]).Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void A_body_edit_touches_the_article_search_and_sitemaps_only() =>
        Assert.Equal(["b-a", "search", "sitemap"], Keys(Facts(), Facts()));

    [Fact]
    public void An_edit_that_changes_a_teaser_touches_the_teasers_too() =>
        Assert.Equal(["a-a", "b-a", "search", "sitemap"], Keys(Facts(), Facts() with { Teaser = "A new headline" }));

    [Fact]
    public void A_new_article_touches_every_listing_it_joins() =>
        Assert.Equal(["a-a", "authors", "b-a", "l-jo", "newest", "s-news", "search", "sitemap", "t-port", "tags"], Keys(null, Facts()));

    [Fact]
    public void A_deleted_article_touches_every_listing_it_left() =>
        Assert.Equal(Keys(null, Facts()), Keys(Facts(), null));

    [Fact]
    public void A_retag_touches_the_tags_it_left_and_joined_not_the_site_listing() =>
        Assert.Equal(["b-a", "search", "sitemap", "t-harbour", "t-roads", "tags"],
            Keys(Facts(tags: ["port", "roads"]), Facts(tags: ["port", "harbour"])));

    [Fact]
    public void A_new_date_moves_it_in_every_listing() =>
        Assert.Contains("newest", Keys(Facts(), Facts(published: Day.AddDays(1))));

    [Fact]
    public void Publishing_a_draft_is_like_adding_it() =>
        Assert.Equal(Keys(null, Facts()), Keys(Facts(draft: true), Facts()));

    [Fact]
    public void A_new_author_or_section_touches_both_old_and_new()
    {
        // A teaser shows the byline and the section: those teasers change too.
        Assert.Equal(["a-a", "authors", "b-a", "l-jo", "l-kim", "search", "sitemap"], Keys(Facts(), Facts(author: "kim")));
        Assert.Equal(["a-a", "b-a", "s-news", "s-sport", "search", "sitemap"], Keys(Facts(), Facts(section: "sport")));
    }

    [Fact]
    public void A_new_slug_touches_both_articles_and_their_listings()
    {
        var keys = Keys(Facts(slug: "old"), Facts(slug: "new"));

        Assert.Contains("a-old", keys);
        Assert.Contains("a-new", keys);
        Assert.Contains("newest", keys);
    }

    [Fact]
    public void A_change_is_recorded_and_read_back_as_the_same_keys()
    {
        var change = ArticleFacts.Changes([(null, Facts())]);

        Assert.Equal(change.Keys.Order(StringComparer.Ordinal), ContentChange.Parse(change.ToString()).Keys.Order(StringComparer.Ordinal));
        Assert.True(ContentChange.Parse(ContentChange.All.ToString()).Everything);
        Assert.True(ContentChange.Parse("").IsEmpty);
    }
}
