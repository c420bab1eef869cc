using System.Net;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

/// <summary>The same feeds per author, tag and section: only that scope's public articles.</summary>
public sealed class ScopedFeedTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    [Theory]
    [InlineData("/authors/ana-li", "Ana Li", new[] { "harbor-reopens", "night-shift" })]
    [InlineData("/authors/ben-ode", "Ben Ode", new[] { "bridge-vote" })]
    [InlineData("/authors/cy-ray", "Cy Ray", new string[0])]
    [InlineData("/tags/shipping", "Shipping", new[] { "harbor-reopens", "old-market" })]
    [InlineData("/tags/harbor", "Harbor", new[] { "harbor-reopens" })]
    [InlineData("/sections/news", "News", new[] { "harbor-reopens", "night-shift", "old-market" })]
    [InlineData("/sections/politics", "Politics", new[] { "bridge-vote" })]
    public async Task Rss_feed_holds_only_the_public_articles_of_its_scope(string page, string name, string[] slugs)
    {
        var feed = await newsroom.App.GetRssAsync(page + "/feed.xml");

        Assert.Equal($"{Newsroom.SiteName}: {name}", feed.Title.Text);
        Assert.Equal(new Uri(Absolute(page)), Assert.Single(feed.Links, l => l.RelationshipType is null or "alternate").Uri);
        Assert.Equal(new Uri(Absolute(page + "/feed.xml")), Assert.Single(feed.Links, l => l.RelationshipType == "self").Uri);
        Assert.Equal(slugs.Select(s => Absolute($"/articles/{s}")), feed.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("/authors/ana-li", "Ana Li", new[] { "harbor-reopens", "night-shift" })]
    [InlineData("/tags/shipping", "Shipping", new[] { "harbor-reopens", "old-market" })]
    [InlineData("/sections/news", "News", new[] { "harbor-reopens", "night-shift", "old-market" })]
    public async Task Json_feed_holds_only_the_public_articles_of_its_scope(string page, string name, string[] slugs)
    {
        var feed = await newsroom.App.GetJsonFeedAsync(page + "/feed.json");

        Assert.Equal($"{Newsroom.SiteName}: {name}", feed.GetProperty("title").GetString());
        Assert.Equal(Absolute(page), feed.GetProperty("home_page_url").GetString());
        Assert.Equal(Absolute(page + "/feed.json"), feed.GetProperty("feed_url").GetString());
        Assert.Equal(slugs.Select(s => Absolute($"/articles/{s}")), feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("/authors/nobody/feed.xml")]
    [InlineData("/authors/nobody/feed.json")]
    [InlineData("/tags/nope/feed.xml")]
    [InlineData("/tags/nope/feed.json")]
    [InlineData("/sections/nope/feed.xml")]
    [InlineData("/sections/nope/feed.json")]
    [InlineData("/tags/SHIPPING/feed.xml")]
    // Used only by a draft or a scheduled article: the name must not leak before the article is public.
    [InlineData("/tags/secret/feed.xml")]
    [InlineData("/tags/future/feed.json")]
    [InlineData("/sections/hidden/feed.xml")]
    [InlineData("/sections/later/feed.json")]
    public async Task Unknown_or_not_yet_public_scope_answers_404(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, await newsroom.App.GetStatusAsync(url));
    }
}
