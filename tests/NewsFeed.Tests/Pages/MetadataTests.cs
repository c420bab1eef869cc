using System.Text.Json;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>What search engines, feed readers and link previews read from each page.</summary>
public sealed class MetadataTests : IClassFixture<MetadataTests.Site>
{
    private const string BaseUrl = "https://news.example.org/";
    private readonly Site _site;

    public MetadataTests(Site site) => _site = site;

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetWithForeignHostAsync(string url)
    {
        using var client = _site.App.CreateClient();
        client.DefaultRequestHeaders.Host = "attacker.example";
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await NewsFeedApp.ParseAsync(response);
    }

    private static string? Meta(AngleSharp.Html.Dom.IHtmlDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}'], meta[name='{property}']")?.GetAttribute("content");

    [Theory]
    [InlineData("/", "https://news.example.org/")]
    [InlineData("/articles/with-image", "https://news.example.org/articles/with-image")]
    [InlineData("/authors/ana-li", "https://news.example.org/authors/ana-li")]
    [InlineData("/tags/rivers", "https://news.example.org/tags/rivers")]
    [InlineData("/sections/science", "https://news.example.org/sections/science")]
    [InlineData("/authors", "https://news.example.org/authors")]
    [InlineData("/about", "https://news.example.org/about")]
    public async Task Every_page_has_title_description_and_a_canonical_url_from_configuration(string url, string canonical)
    {
        var page = await GetWithForeignHostAsync(url);

        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "description")));
        Assert.Equal(Meta(page, "description"), Meta(page, "og:description"));
        Assert.Equal(canonical, page.One("link[rel=canonical]").GetAttribute("href"));
        Assert.Equal(canonical, Meta(page, "og:url"));
        Assert.DoesNotContain("attacker.example", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("/feed.xml", page.One("link[rel=alternate][type='application/rss+xml'][href='/feed.xml']").GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("link[rel=alternate][type='application/feed+json'][href='/feed.json']"));
    }

    [Fact]
    public async Task Article_page_has_open_graph_and_a_large_twitter_card_when_it_has_an_image()
    {
        var page = await GetWithForeignHostAsync("/articles/with-image");

        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("River levels rise", Meta(page, "og:title"));
        Assert.Equal("2025-06-01T09:30:00+00:00", Meta(page, "article:published_time"));
        Assert.Equal("2025-06-02T10:00:00+00:00", Meta(page, "article:modified_time"));
        Assert.Equal("Science", Meta(page, "article:section"));
        Assert.Equal(["Rivers", "Weather"], page.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")));
        // The 1,200-wide variant, with its size: what Discover and social cards want.
        Assert.Matches("^https://news\\.example\\.org/img/[0-9a-f]{20}/1200\\.jpg$", Meta(page, "og:image"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("675", Meta(page, "og:image:height"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
    }

    [Fact]
    public async Task Article_without_image_has_a_summary_card_and_no_og_image()
    {
        var page = await GetWithForeignHostAsync("/articles/no-image");

        Assert.Equal("summary", Meta(page, "twitter:card"));
        Assert.Null(Meta(page, "og:image"));
    }

    [Fact]
    public async Task Article_page_has_news_article_json_ld()
    {
        var page = await GetWithForeignHostAsync("/articles/with-image");

        using var json = JsonDocument.Parse(page.One("script[type='application/ld+json']").TextContent);
        var root = json.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Equal("River levels rise", root.GetProperty("headline").GetString());
        Assert.Equal("Water is up after a week of rain.", root.GetProperty("description").GetString());
        Assert.Equal("https://news.example.org/media/river.png", root.GetProperty("image")[0].GetString());
        Assert.Equal("2025-06-01T09:30:00+00:00", root.GetProperty("datePublished").GetString());
        Assert.Equal("2025-06-02T10:00:00+00:00", root.GetProperty("dateModified").GetString());
        var author = root.GetProperty("author")[0];
        Assert.Equal(("Person", "Ana Li", "https://news.example.org/authors/ana-li", "Science Editor"),
            (author.GetProperty("@type").GetString(), author.GetProperty("name").GetString(), author.GetProperty("url").GetString(), author.GetProperty("jobTitle").GetString()));
        var publisher = root.GetProperty("publisher");
        Assert.Equal("Organization", publisher.GetProperty("@type").GetString());
        Assert.Equal("River Daily", publisher.GetProperty("name").GetString());
        Assert.Equal("https://news.example.org/logo.png", publisher.GetProperty("logo").GetProperty("url").GetString());
        Assert.Equal("https://news.example.org/articles/with-image", root.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("Science", root.GetProperty("articleSection").GetString());
        Assert.Equal(["Rivers", "Weather"], root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("en-GB", root.GetProperty("inLanguage").GetString());
    }

    [Theory]
    [InlineData("/tags/rivers", "/tags/rivers/feed.xml", "/tags/rivers/feed.json")]
    [InlineData("/authors/ana-li", "/authors/ana-li/feed.xml", "/authors/ana-li/feed.json")]
    [InlineData("/sections/science", "/sections/science/feed.xml", "/sections/science/feed.json")]
    public async Task Listings_advertise_their_own_feeds_and_those_feeds_answer(string url, string rss, string json)
    {
        var page = await _site.App.GetPageAsync(url);

        Assert.NotNull(page.QuerySelector($"link[rel=alternate][type='application/rss+xml'][href='{rss}']"));
        Assert.NotNull(page.QuerySelector($"link[rel=alternate][type='application/feed+json'][href='{json}']"));
        using var client = _site.App.CreateClient();
        foreach (var feed in new[] { rss, json })
        {
            using var response = await client.GetAsync(feed, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{feed} answered {(int)response.StatusCode}");
        }
    }

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create()
            .WriteBytes("images/river.png", TestImages.Png(1600, 900))
            .Write("authors/ana-li.md", "---\nname: Ana Li\njob_title: Science Editor\n---\nBio.\n")
            .With(new MarkdownArticle("River levels rise").WithSlug("with-image").By("ana-li").InSection("Science").Tagged("Rivers", "Weather")
                .WithDek("Water is up after a week of rain.")
                .PublishedOn(new DateTime(2025, 6, 1, 9, 30, 0, DateTimeKind.Utc))
                .WithField("updated: 2025-06-02T10:00:00Z\nimage:\n  src: images/river.png\n  alt: The river in flood"))
            .With(new MarkdownArticle("Plain story").WithSlug("no-image").By("ana-li"));

        public Site() => App = new NewsFeedApp(_seeds)
            .WithSetting("NewsFeed:Site:BaseUrl", BaseUrl)
            .WithSetting("NewsFeed:Site:Name", "River Daily")
            .WithSetting("NewsFeed:Site:Language", "en-GB");

        public NewsFeedApp App { get; }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
