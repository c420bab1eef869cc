using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Feeds;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Data;

/// <summary>
/// What article pages and feed items show of other articles and of their authors is made at import and stored with
/// each article. A change must make again every stored view that shows what it touched, and nothing stale may remain.
/// </summary>
public sealed class ArticleViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly XNamespace Dc = FeedTesting.DcNs;

    private static MarkdownArticle Story(string headline, string slug, int day, string tag) =>
        new MarkdownArticle(headline).WithSlug(slug).Tagged(tag).PublishedOn(new DateTime(2025, 3, day, 9, 0, 0, DateTimeKind.Utc));

    private static SeedFolder Newsroom() => SeedFolder.Create()
        .Write("authors/jo.md", "---\nname: Jo Writer\njob_title: Reporter\n---\nJo writes.\n")
        .With(Story("Harbour", "harbour", 1, "port").By("jo").WithField("related:\n  - bridge"))
        .With(Story("Ferry", "ferry", 2, "port").By("jo"))
        .With(Story("Bridge", "bridge", 3, "roads"));

    private static async Task ImportAsync(NewsFeedApp app) => await app.Services.GetRequiredService<SeedImport>().RunAsync(Ct);

    private static NewsFeedApp Uncached(SeedFolder seeds) => new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:Enabled", "false");

    private static async Task<string[]> ReadMoreAsync(NewsFeedApp app, string slug) =>
        [.. (await app.GetPageAsync($"/articles/{slug}")).QuerySelectorAll(".related-item .related-title").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task An_author_renamed_shows_on_the_cards_and_in_both_feeds_of_every_article_by_them()
    {
        using var seeds = Newsroom();
        using var app = Uncached(seeds);
        Assert.Equal("Jo Writer", (await app.GetPageAsync("/articles/ferry")).One(".author-card .author-name").TextContent.Trim());

        seeds.Write("authors/jo.md", "---\nname: Jo Reporter\njob_title: Editor\n---\nJo edits.\n");
        await ImportAsync(app);

        foreach (var slug in new[] { "harbour", "ferry" })
        {
            var page = await app.GetPageAsync($"/articles/{slug}");
            Assert.Equal("Jo Reporter", page.One(".author-card .author-name").TextContent.Trim());
            Assert.Equal("Editor", page.One(".author-card .author-title").TextContent.Trim());
        }

        using var client = app.CreateClient();
        var rss = XDocument.Parse(await client.GetStringAsync("/feed.xml", Ct));
        var creators = rss.Descendants("item").ToDictionary(i => i.Element("link")!.Value.Split('/')[^1], i => i.Element(Dc + "creator")?.Value);
        Assert.Equal("Jo Reporter", creators["harbour"]);
        Assert.Equal("Jo Reporter", creators["ferry"]);
        Assert.Null(creators["bridge"]);

        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json", Ct));
        var names = json.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.TryGetProperty("authors", out _))
            .Select(i => i.GetProperty("authors")[0].GetProperty("name").GetString()).ToList();
        Assert.Equal(["Jo Reporter", "Jo Reporter"], names);
    }

    [Fact]
    public async Task A_linked_headline_changed_and_a_new_article_in_a_tag_reach_read_more_of_others()
    {
        using var seeds = Newsroom();
        using var app = Uncached(seeds);
        Assert.Equal(["Bridge", "Ferry"], await ReadMoreAsync(app, "harbour"));
        Assert.Equal(["Harbour"], await ReadMoreAsync(app, "ferry"));

        // Bridge's teaser changes; a new, newer article joins the tag Harbour and Ferry share.
        seeds.With(Story("Bridge reopened", "bridge", 3, "roads"));
        seeds.With(Story("Quay", "quay", 9, "port"));
        await ImportAsync(app);

        Assert.Equal(["Bridge reopened", "Quay", "Ferry"], await ReadMoreAsync(app, "harbour"));
        Assert.Equal(["Quay", "Harbour"], await ReadMoreAsync(app, "ferry"));

        // And one that goes: its teaser leaves every list that showed it.
        seeds.Delete("quay.md");
        await ImportAsync(app);
        Assert.Equal(["Bridge reopened", "Ferry"], await ReadMoreAsync(app, "harbour"));
        Assert.Equal(["Harbour"], await ReadMoreAsync(app, "ferry"));
    }

    [Fact]
    public async Task A_new_site_address_makes_every_stored_item_and_json_ld_again()
    {
        using var seeds = Newsroom();
        using (var first = Uncached(seeds).WithSetting("NewsFeed:Site:BaseUrl", "https://old.example.org/"))
        {
            using var client = first.CreateClient();
            Assert.Contains("https://old.example.org/articles/harbour", await client.GetStringAsync("/feed.xml", Ct));
        }

        // The same store, restarted with another address and nothing changed in the seeds.
        using var second = new NewsFeedApp(seeds, Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db"))
            .WithSetting("NewsFeed:OutputCache:Enabled", "false").WithSetting("NewsFeed:Site:BaseUrl", "https://new.example.org/");
        await ImportAsync(second);
        using var again = second.CreateClient();
        var rss = await again.GetStringAsync("/feed.xml", Ct);
        var feed = await again.GetStringAsync("/feed.json", Ct);
        var ld = (await second.GetPageAsync("/articles/harbour")).One("script[type='application/ld+json']").TextContent;
        foreach (var text in new[] { rss, feed, ld })
        {
            Assert.Contains("https://new.example.org/articles/harbour", text);
            Assert.DoesNotContain("old.example.org", text);
        }
    }
}
