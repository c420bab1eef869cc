using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using NewsFeed.Tests.Support;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

/// <summary>/feed.json read with System.Text.Json: every JSON Feed 1.1 field the site writes.</summary>
public sealed class JsonFeedTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    private Task<JsonElement> HomeAsync() => newsroom.App.GetJsonFeedAsync("/feed.json");

    private static JsonElement Item(JsonElement feed, string slug) =>
        Assert.Single(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == Absolute($"/articles/{slug}"));

    private static DateTimeOffset Date(JsonElement item, string name)
    {
        var text = item.GetProperty(name).GetString()!;
        // RFC 3339: a full date and time with an offset (Z or ±hh:mm), nothing looser.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Top_level_names_the_version_site_and_feed()
    {
        var feed = await HomeAsync();

        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.Equal(Newsroom.SiteName, feed.GetProperty("title").GetString());
        Assert.Equal(BaseUrl, feed.GetProperty("home_page_url").GetString());
        Assert.Equal(Absolute("/feed.json"), feed.GetProperty("feed_url").GetString());
        Assert.Equal(Newsroom.Description, feed.GetProperty("description").GetString());
        Assert.Equal(Newsroom.Language, feed.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Items_are_the_public_articles_newest_first()
    {
        var feed = await HomeAsync();

        Assert.Equal(
            [Absolute("/articles/harbor-reopens"), Absolute("/articles/bridge-vote"), Absolute("/articles/night-shift"), Absolute("/articles/old-market")],
            feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Item_has_every_field()
    {
        var feed = await HomeAsync();

        var item = Item(feed, "harbor-reopens");
        Assert.Equal(Absolute("/articles/harbor-reopens"), item.GetProperty("url").GetString());
        Assert.Equal(Newsroom.Harbor.Headline, item.GetProperty("title").GetString());
        Assert.Equal("Ships return to the east quay.", item.GetProperty("summary").GetString());
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(Absolute("/img/")) + "[0-9a-f]{20}/1200\\.jpg$", item.GetProperty("image").GetString());
        Assert.Equal(new DateTimeOffset(Newsroom.HarborPublished), Date(item, "date_published"));
        Assert.Equal(new DateTimeOffset(Newsroom.HarborUpdated), Date(item, "date_modified"));
        var author = Assert.Single(item.GetProperty("authors").EnumerateArray());
        Assert.Equal("Ana Li", author.GetProperty("name").GetString());
        Assert.Equal(Absolute("/authors/ana-li"), author.GetProperty("url").GetString());
        Assert.Equal(["Harbor", "Shipping"], item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));

        var body = new HtmlParser().ParseDocument($"<body>{item.GetProperty("content_html").GetString()}</body>").Body!;
        Assert.Equal("FIGURE", body.FirstElementChild!.TagName);
        Assert.Equal(item.GetProperty("image").GetString(), body.FirstElementChild.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(Absolute("/articles/bridge-vote"), body.QuerySelectorAll("p a")[1].GetAttribute("href"));
    }

    [Fact]
    public async Task Item_without_update_author_or_image_says_so()
    {
        var feed = await HomeAsync();

        var market = Item(feed, "old-market");
        Assert.Equal(new DateTimeOffset(Newsroom.MarketPublished), Date(market, "date_published"));
        Assert.Equal(new DateTimeOffset(Newsroom.MarketPublished), Date(market, "date_modified"));
        Assert.False(market.TryGetProperty("image", out _));
        Assert.False(market.TryGetProperty("authors", out _));
        Assert.Equal(["Shipping"], market.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var bridge = Item(feed, "bridge-vote");
        Assert.Equal("Council members postponed the vote on the new bridge.", bridge.GetProperty("summary").GetString());
        Assert.Equal("https://images.example.org/bridge.jpg", bridge.GetProperty("image").GetString());
    }

    [Fact]
    public async Task Html_and_every_letter_are_written_as_themselves()
    {
        // Escaped for a web page, each '<' took 6 bytes and each Ukrainian letter 6 instead of 2: in the store and on the wire.
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Як редакція читає стрічку").WithSlug("strichka")
            .PublishedOn(new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc)).WithField("lang: uk")
            .WithBody("Редактор *зберігає* файл & бачить \"сторінку\"."));
        using var app = new NewsFeedApp(seeds);

        var text = await app.GetTextAsync("/uk/feed.json", "application/feed+json");

        using var parsed = JsonDocument.Parse(text);
        Assert.Contains("\"title\":\"Як редакція читає стрічку\"", text, StringComparison.Ordinal);
        Assert.Contains("<p>Редактор <em>зберігає</em> файл &amp; бачить \\\"сторінку\\\".</p>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        var item = Assert.Single(parsed.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("<p>Редактор <em>зберігає</em> файл &amp; бачить \"сторінку\".</p>", item.GetProperty("content_html").GetString());
    }
}
