using System.Net;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Feeds;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

/// <summary>/sitemap.xml (and its index of parts when large), read with XDocument.</summary>
public sealed class SitemapTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    private const string W3CDateTime = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$";

    [Fact]
    public async Task Sitemap_lists_every_public_page_with_its_last_change()
    {
        var sitemap = await newsroom.App.GetXmlAsync("/sitemap.xml");

        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        var harbor = new DateTimeOffset(Newsroom.HarborUpdated);
        var bridge = new DateTimeOffset(Newsroom.BridgePublished);
        var expected = new Dictionary<string, DateTimeOffset?>
        {
            [BaseUrl] = harbor,
            [Absolute("/articles/harbor-reopens")] = harbor,
            [Absolute("/articles/bridge-vote")] = bridge,
            [Absolute("/articles/night-shift")] = new DateTimeOffset(Newsroom.NightPublished),
            [Absolute("/articles/old-market")] = new DateTimeOffset(Newsroom.MarketPublished),
            // Listing pages: their newest public article. The scheduled article is newer still, and must not count.
            [Absolute("/sections/news")] = harbor,
            [Absolute("/sections/politics")] = bridge,
            [Absolute("/tags/bridge")] = bridge,
            [Absolute("/tags/harbor")] = harbor,
            [Absolute("/tags/shipping")] = harbor,
            [Absolute("/authors/ana-li")] = harbor,
            [Absolute("/authors/ben-ode")] = bridge,
        };
        var urls = sitemap.Urls();
        Assert.Equal(expected.Count, urls.Count);
        Assert.Equal(expected, urls.ToDictionary(u => u.Loc, u => u.LastModified));
        Assert.All(sitemap.Descendants(Sitemap + "lastmod"), l => Assert.Matches(W3CDateTime, l.Value));
    }

    [Fact]
    public async Task Articles_come_newest_first_after_the_home_page()
    {
        var urls = (await newsroom.App.GetXmlAsync("/sitemap.xml")).Urls().Select(u => u.Loc).ToList();

        Assert.Equal(BaseUrl, urls[0]);
        Assert.Equal(
            [Absolute("/articles/harbor-reopens"), Absolute("/articles/bridge-vote"), Absolute("/articles/night-shift"), Absolute("/articles/old-market")],
            urls.Where(u => u.Contains("/articles/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Drafts_scheduled_articles_and_what_only_they_use_never_appear()
    {
        var locs = new List<string>();
        foreach (var url in (string[])["/sitemap.xml", "/news-sitemap.xml"])
        {
            locs.AddRange((await newsroom.App.GetXmlAsync(url)).Descendants(Sitemap + "loc").Select(l => l.Value));
        }

        Assert.NotEmpty(locs);
        foreach (var hidden in (string[])["/articles/secret-plan", "/articles/tomorrows-tide", "/tags/secret", "/tags/future",
            "/sections/hidden", "/sections/later", "/authors/cy-ray"])
        {
            Assert.DoesNotContain(Absolute(hidden), locs);
        }
    }

    [Fact]
    public async Task A_sitemap_within_one_file_has_no_parts()
    {
        Assert.Equal(HttpStatusCode.NotFound, await newsroom.App.GetStatusAsync("/sitemap-1.xml"));
    }

    [Fact]
    public void A_file_holds_at_most_the_protocols_50000_urls() =>
        Assert.Equal(50_000, new SitemapOptions().UrlsPerFile);

    [Theory]
    [InlineData(2, 3)]
    [InlineData(4, 2)]
    [InlineData(5, 2)]
    public async Task More_urls_than_a_file_holds_make_the_sitemap_an_index_of_parts(int perFile, int parts)
    {
        var (seeds, expected) = FiveArticles();
        using var _ = seeds;
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Newsroom.Now, sitemapUrlsPerFile: perFile);

        var index = await site.GetXmlAsync("/sitemap.xml");

        Assert.Equal(Sitemap + "sitemapindex", index.Root!.Name);
        var entries = index.Root.Elements(Sitemap + "sitemap").ToList();
        Assert.Equal(Enumerable.Range(1, parts).Select(n => Absolute($"/sitemap-{n}.xml")), entries.Select(e => e.Element(Sitemap + "loc")!.Value));

        var all = new List<(string Loc, DateTimeOffset? LastModified)>();
        foreach (var entry in entries)
        {
            var part = await site.GetXmlAsync(new Uri(entry.Element(Sitemap + "loc")!.Value).AbsolutePath);
            var urls = part.Urls();
            Assert.Equal(Sitemap + "urlset", part.Root!.Name);
            Assert.InRange(urls.Count, 1, perFile);
            Assert.Equal(urls.Max(u => u.LastModified), DateTimeOffset.Parse(entry.Element(Sitemap + "lastmod")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            all.AddRange(urls);
        }

        Assert.Equal(expected, all.Select(u => u.Loc));
        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync($"/sitemap-{parts + 1}.xml"));
        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync("/sitemap-0.xml"));
    }

    [Fact]
    public async Task Exactly_a_file_full_of_urls_stays_one_sitemap()
    {
        var (seeds, expected) = FiveArticles();
        using var _ = seeds;
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Newsroom.Now, sitemapUrlsPerFile: expected.Count);

        var sitemap = await site.GetXmlAsync("/sitemap.xml");

        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        Assert.Equal(expected, sitemap.Urls().Select(u => u.Loc));
        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync("/sitemap-1.xml"));
    }

    /// <summary>Five public articles a day apart, plus a draft and a scheduled one; the home page makes six URLs.</summary>
    private static (SeedFolder Seeds, List<string> ExpectedUrls) FiveArticles()
    {
        var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Hidden draft").AsDraft())
            .With(new MarkdownArticle("Not yet").PublishedOn(Newsroom.Now.UtcDateTime.AddHours(1)));
        var expected = new List<string> { BaseUrl };
        for (var day = 1; day <= 5; day++)
        {
            seeds.With(new MarkdownArticle($"Day {day} story").PublishedOn(Newsroom.Now.UtcDateTime.AddDays(-day)));
            expected.Add(Absolute($"/articles/day-{day}-story"));
        }

        return (seeds, expected);
    }
}
