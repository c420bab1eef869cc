using System.Globalization;
using System.Xml.Linq;
using NewsFeed.Tests.Support;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

/// <summary>/news-sitemap.xml: Google News' two-day window, its 1,000 cap and its publication fields.</summary>
public sealed class NewsSitemapTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    private static List<string> Locs(XDocument sitemap) =>
        [.. sitemap.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value)];

    [Fact]
    public async Task Lists_the_public_articles_of_the_last_two_days_newest_first()
    {
        var sitemap = await newsroom.App.GetXmlAsync("/news-sitemap.xml");

        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        // Night shift is 49 hours old, the market story weeks; the draft and the scheduled story are not public.
        Assert.Equal([Absolute("/articles/harbor-reopens"), Absolute("/articles/bridge-vote")], Locs(sitemap));
    }

    [Fact]
    public async Task Each_article_names_the_publication_its_date_and_title()
    {
        var sitemap = await newsroom.App.GetXmlAsync("/news-sitemap.xml");

        var news = sitemap.Root!.Elements(Sitemap + "url").First().Element(News + "news")!;
        var publication = news.Element(News + "publication")!;
        Assert.Equal(Newsroom.SiteName, publication.Element(News + "name")!.Value);
        // The site is en-GB; Google News wants the ISO 639 code.
        Assert.Equal("en", publication.Element(News + "language")!.Value);
        var date = news.Element(News + "publication_date")!.Value;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$", date);
        Assert.Equal(new DateTimeOffset(Newsroom.HarborPublished), DateTimeOffset.Parse(date, CultureInfo.InvariantCulture));
        Assert.Equal(Newsroom.Harbor.Headline, news.Element(News + "title")!.Value);
    }

    [Fact]
    public async Task The_window_follows_the_clock()
    {
        var published = new DateTime(2025, 10, 1, 9, 0, 0, DateTimeKind.Utc);
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Window story").WithSlug("window-story").PublishedOn(published));

        var before = await LocsAtAsync(seeds, published.AddMinutes(-1));
        var inside = await LocsAtAsync(seeds, published.AddHours(47));
        var after = await LocsAtAsync(seeds, published.AddHours(49));

        Assert.Empty(before);
        Assert.Equal([Absolute("/articles/window-story")], inside);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Holds_at_most_the_newest_1000_articles()
    {
        using var seeds = SeedFolder.Create();
        for (var i = 0; i < 1_001; i++)
        {
            seeds.With(new MarkdownArticle($"Minute {i}").PublishedOn(Newsroom.Now.UtcDateTime.AddMinutes(-1 - i)));
        }

        using var app = new NewsFeedApp(seeds);
        var locs = Locs(await app.At(Newsroom.Now).GetXmlAsync("/news-sitemap.xml"));

        Assert.Equal(1_000, locs.Count);
        Assert.Equal(Absolute("/articles/minute-0"), locs[0]);
        Assert.Equal(Absolute("/articles/minute-999"), locs[^1]);
        Assert.DoesNotContain(Absolute("/articles/minute-1000"), locs);
    }

    private static async Task<List<string>> LocsAtAsync(SeedFolder seeds, DateTime nowUtc)
    {
        using var app = new NewsFeedApp(seeds);
        return Locs(await app.At(new DateTimeOffset(nowUtc)).GetXmlAsync("/news-sitemap.xml"));
    }
}
