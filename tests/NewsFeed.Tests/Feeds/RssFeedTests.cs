using System.ServiceModel.Syndication;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using NewsFeed.Tests.Support;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

/// <summary>/feed.xml read back with System.ServiceModel.Syndication, a parser we did not write.</summary>
public sealed class RssFeedTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    private Task<SyndicationFeed> HomeAsync() => newsroom.App.GetRssAsync("/feed.xml");

    private static SyndicationItem Item(SyndicationFeed feed, string slug) =>
        Assert.Single(feed.Items, i => i.Id == Absolute($"/articles/{slug}"));

    [Fact]
    public async Task Channel_names_the_site_and_links_home_and_itself()
    {
        var feed = await HomeAsync();

        Assert.Equal(Newsroom.SiteName, feed.Title.Text);
        Assert.Equal(Newsroom.Description, feed.Description.Text);
        Assert.Equal(Newsroom.Language, feed.Language);
        var home = Assert.Single(feed.Links, l => l.RelationshipType is null or "alternate");
        Assert.Equal(new Uri(BaseUrl), home.Uri);
        var self = Assert.Single(feed.Links, l => l.RelationshipType == "self");
        Assert.Equal(new Uri(Absolute("/feed.xml")), self.Uri);
        Assert.Equal("application/rss+xml", self.MediaType);
        // The newest change among the items: the harbor story's update, not its first publication.
        Assert.Equal(new DateTimeOffset(Newsroom.HarborUpdated), feed.LastUpdatedTime);
        var ttl = Assert.Single(feed.ElementExtensions, e => e.OuterName == "ttl").GetObject<string>();
        Assert.InRange(int.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture), 1, 24 * 60);
    }

    [Fact]
    public async Task Items_are_the_public_articles_newest_first()
    {
        var feed = await HomeAsync();

        Assert.Equal(
            [Newsroom.Harbor.Headline, Newsroom.Bridge.Headline, Newsroom.Night.Headline, Newsroom.Market.Headline],
            feed.Items.Select(i => i.Title.Text));
        Assert.DoesNotContain(feed.Items, i => i.Title.Text == Newsroom.Draft.Headline || i.Title.Text == Newsroom.Scheduled.Headline);
    }

    [Fact]
    public async Task Item_has_permalink_guid_date_author_and_tags()
    {
        var feed = await HomeAsync();

        var item = Item(feed, "harbor-reopens");
        var permalink = new Uri(Absolute("/articles/harbor-reopens"));
        Assert.Equal(permalink, Assert.Single(item.Links).Uri);
        Assert.Equal(new DateTimeOffset(Newsroom.HarborPublished), item.PublishDate);
        Assert.Equal(["Ana Li"], item.Extensions("creator", DcNs));
        Assert.Equal(["Harbor", "Shipping"], item.Categories.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Ships return to the east quay.", item.Summary.Text);

        var market = Item(feed, "old-market");
        Assert.Empty(market.Extensions("creator", DcNs));
        Assert.Equal(["Shipping"], market.Categories.Select(c => c.Name));
    }

    [Fact]
    public async Task Guid_is_marked_as_a_permalink()
    {
        var xml = XDocument.Parse(await newsroom.App.GetTextAsync("/feed.xml", "application/rss+xml"));

        var guids = xml.Descendants("item").Select(i => i.Element("guid")!).ToList();
        Assert.NotEmpty(guids);
        Assert.All(guids, g => Assert.Equal("true", g.Attribute("isPermaLink")?.Value));
        Assert.All(guids, g => Assert.Equal(g.Parent!.Element("link")!.Value, g.Value));
    }

    [Fact]
    public async Task Description_is_the_dek_or_else_the_first_paragraph()
    {
        var feed = await HomeAsync();

        Assert.Equal("Ships return to the east quay.", Item(feed, "harbor-reopens").Summary.Text);
        Assert.Equal("Council members postponed the vote on the new bridge.", Item(feed, "bridge-vote").Summary.Text);
    }

    [Fact]
    public async Task Full_content_starts_with_the_hero_image_and_has_only_absolute_urls()
    {
        var feed = await HomeAsync();

        var html = Assert.Single(Item(feed, "harbor-reopens").Extensions("encoded", ContentNs));
        var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
        var figure = body.FirstElementChild!;
        Assert.Equal("FIGURE", figure.TagName);
        var img = figure.QuerySelector("img")!;
        // The hero's 1,200-wide variant, with its size; a link in the body to the file keeps the file's address.
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(Absolute("/img/")) + "[0-9a-f]{20}/1200\\.jpg$", img.GetAttribute("src"));
        Assert.Equal(("1200", "675"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("Cranes at dawn", img.GetAttribute("alt"));
        Assert.Equal("The east quay at dawn. (Ana Li)", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal(
            [Absolute("/media/harbor.jpg"), Absolute("/articles/bridge-vote"), Absolute("/articles/harbor-reopens") + "#top"],
            body.QuerySelectorAll("p a").Select(a => a.GetAttribute("href")));
        Assert.StartsWith("The harbor opened at six.", body.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hero_image_is_media_content_and_an_article_without_one_has_neither()
    {
        var feed = await HomeAsync();

        var media = Item(feed, "harbor-reopens").ElementExtensions.Single(e => e.OuterName == "content").GetObject<System.Xml.Linq.XElement>();
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(Absolute("/img/")) + "[0-9a-f]{20}/1200\\.jpg$", (string?)media.Attribute("url"));
        Assert.Equal(("image/jpeg", "1200", "675"), ((string?)media.Attribute("type"), (string?)media.Attribute("width"), (string?)media.Attribute("height")));
        Assert.Equal("https://images.example.org/bridge.jpg", MediaContentUrl(Item(feed, "bridge-vote")));

        var market = Item(feed, "old-market");
        Assert.DoesNotContain(market.ElementExtensions, e => e.OuterNamespace == MediaNs);
        var html = Assert.Single(market.Extensions("encoded", ContentNs));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_holds_the_newest_50_articles()
    {
        var start = new DateTime(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        using var seeds = SeedFolder.Create();
        for (var i = 0; i < 51; i++)
        {
            seeds.With(new MarkdownArticle($"Story {i}").PublishedOn(start.AddHours(i)));
        }

        using var app = new NewsFeedApp(seeds);
        var site = app.At(Newsroom.Now);

        var feed = await site.GetRssAsync("/feed.xml");
        var json = await site.GetJsonFeedAsync("/feed.json");

        var expected = Enumerable.Range(1, 50).Reverse().Select(i => $"Story {i}").ToList();
        Assert.Equal(expected, feed.Items.Select(i => i.Title.Text));
        Assert.Equal(expected, json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_character_xml_cannot_carry_is_dropped_instead_of_breaking_the_feed()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Pasted from a word processor").WithBody("Before\u000Bafter."));
        using var app = new NewsFeedApp(seeds);

        var feed = await app.At(Newsroom.Now).GetRssAsync("/feed.xml");

        var item = Assert.Single(feed.Items);
        Assert.Equal("Beforeafter.", item.Summary.Text);
        Assert.Contains("Beforeafter.", Assert.Single(item.Extensions("encoded", ContentNs)), StringComparison.Ordinal);
    }

    private static string? MediaContentUrl(SyndicationItem item)
    {
        var extension = Assert.Single(item.ElementExtensions, e => e.OuterName == "content" && e.OuterNamespace == MediaNs);
        using var reader = extension.GetReader();
        Assert.Equal("image", reader.GetAttribute("medium"));
        return reader.GetAttribute("url");
    }
}
