using System.Net;
using NewsFeed.Web.Feeds;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

/// <summary>Feeds and sitemaps build every URL from NewsFeed:Site:BaseUrl, whatever Host the request names.</summary>
public sealed class CanonicalUrlTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    public static TheoryData<string> Documents =>
    [
        "/feed.xml", "/feed.json", "/authors/ana-li/feed.xml", "/tags/shipping/feed.json", "/sections/news/feed.xml",
        "/sitemap.xml", "/news-sitemap.xml", "/robots.txt",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Urls_use_the_configured_host_not_the_requests(string url)
    {
        using var client = newsroom.App.CreateClient();
        client.BaseAddress = new Uri("http://attacker.example:8081/");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "attacker.example:8081";
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(BaseUrl, text, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedLinks_name_the_addresses_the_feeds_answer_at()
    {
        (string Url, string MediaType)[] links =
        [
            (FeedLinks.HomeRss, FeedLinks.RssContentType), (FeedLinks.HomeJson, FeedLinks.JsonContentType),
            (FeedLinks.AuthorRss("ana-li"), FeedLinks.RssContentType), (FeedLinks.AuthorJson("ana-li"), FeedLinks.JsonContentType),
            (FeedLinks.TagRss("shipping"), FeedLinks.RssContentType), (FeedLinks.TagJson("shipping"), FeedLinks.JsonContentType),
            (FeedLinks.SectionRss("news"), FeedLinks.RssContentType), (FeedLinks.SectionJson("news"), FeedLinks.JsonContentType),
        ];

        foreach (var (url, mediaType) in links)
        {
            var text = await newsroom.App.GetTextAsync(url, mediaType);
            // Each feed names itself at the address FeedLinks gave.
            Assert.Contains(Absolute(url), text, StringComparison.Ordinal);
        }
    }
}
