using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Feeds;

/// <summary>
/// The home feeds keep their items in memory between content changes (HomeFeedItems). With the page cache off, every
/// request below goes through that memory: each change must reach the next feed, and a scheduled article must be in it
/// as soon as it is due, with no import in between.
/// </summary>
public sealed class HomeFeedItemsTests
{
    private static readonly DateTime Day = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MarkdownArticle Article(string slug, int hoursAgo, string body) =>
        new MarkdownArticle($"Story {slug}").WithSlug(slug).PublishedOn(Day.AddHours(-hoursAgo)).WithBody(body);

    private static WebApplicationFactory<Program> Uncached(NewsFeedApp app, TimeProvider clock) =>
        app.WithSetting("NewsFeed:OutputCache:Enabled", "false")
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(clock)));

    private static async Task<List<string>> CreatorsAsync(WebApplicationFactory<Program> site) =>
        [.. (await site.GetRssAsync("/feed.xml")).Items.Select(i => i.ElementExtensions.ReadElementExtensions<string>("creator", FeedTesting.DcNs).Single())];

    private static async Task<List<(string Link, string Content)>> ItemsAsync(WebApplicationFactory<Program> site, string url = "/feed.xml")
    {
        var feed = await site.GetRssAsync(url);
        return [.. feed.Items.Select(i => (i.Links[0].Uri.AbsolutePath,
            i.ElementExtensions.ReadElementExtensions<string>("encoded", FeedTesting.ContentNs).FirstOrDefault() ?? ""))];
    }

    [Fact]
    public async Task Each_import_reaches_the_next_uncached_feed_edits_deletions_and_new_articles_alike()
    {
        using var seeds = SeedFolder.Create().With(Article("alpha", 3, "Alpha first words.")).With(Article("beta", 2, "Beta first words."))
            .With(Article("gamma", 1, "Gamma first words."));
        using var app = new NewsFeedApp(seeds);
        var site = Uncached(app, new MovableClock(Day));
        var import = site.Services.GetRequiredService<SeedImport>();

        Assert.Equal(["/articles/gamma", "/articles/beta", "/articles/alpha"], (await ItemsAsync(site)).Select(i => i.Link));

        seeds.With(Article("beta", 2, "Beta second words."));
        await import.RunAsync(Ct);
        var edited = await ItemsAsync(site);
        Assert.Contains("Beta second words.", edited.Single(i => i.Link == "/articles/beta").Content, StringComparison.Ordinal);
        Assert.DoesNotContain(edited, i => i.Content.Contains("Beta first words.", StringComparison.Ordinal));

        seeds.Delete("gamma.md");
        seeds.With(Article("delta", 0, "Delta words."));
        await import.RunAsync(Ct);
        Assert.Equal(["/articles/delta", "/articles/beta", "/articles/alpha"], (await ItemsAsync(site)).Select(i => i.Link));

        // The JSON feed keeps its own items beside the RSS ones: the same articles, the edited body.
        using var client = site.CreateClient();
        var json = await client.GetStringAsync("/feed.json", Ct);
        Assert.Contains("Beta second words.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("gamma", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authors_new_name_reaches_the_uncached_feed_though_no_article_changed()
    {
        using var seeds = SeedFolder.Create().Write("authors/ana-li.md", "---\nname: Ana Li\n---\nAna covers the port.\n")
            .With(Article("harbour", 2, "Harbour words.").By("ana-li")).With(Article("bridge", 1, "Bridge words.").By("ana-li"));
        using var app = new NewsFeedApp(seeds);
        var site = Uncached(app, new MovableClock(Day));
        Assert.Equal(["Ana Li", "Ana Li"], await CreatorsAsync(site));

        seeds.Write("authors/ana-li.md", "---\nname: Ana Lee\n---\nAna covers the port.\n");
        await site.Services.GetRequiredService<SeedImport>().RunAsync(Ct);
        Assert.Equal(["Ana Lee", "Ana Lee"], await CreatorsAsync(site));
    }

    [Fact]
    public async Task A_scheduled_article_is_in_the_uncached_feed_once_due_and_a_draft_never()
    {
        var clock = new MovableClock(Day);
        using var seeds = SeedFolder.Create().With(Article("older", 5, "Older words."))
            .With(Article("later", -2, "Later words."))
            .With(Article("unfinished", 1, "Draft words.").AsDraft());
        using var app = new NewsFeedApp(seeds);
        var site = Uncached(app, clock);

        Assert.Equal(["/articles/older"], (await ItemsAsync(site)).Select(i => i.Link));

        clock.Now = Day.AddHours(3);
        Assert.Equal(["/articles/later", "/articles/older"], (await ItemsAsync(site)).Select(i => i.Link));
        Assert.Contains("Later words.", (await ItemsAsync(site))[0].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_holds_the_newest_fifty_public_articles_however_many_there_are()
    {
        using var seeds = SeedFolder.Create();
        for (var i = 0; i < 60; i++)
        {
            seeds.With(Article($"story-{i:D2}", 60 - i, $"Words of {i}."));
        }

        using var app = new NewsFeedApp(seeds);
        var site = Uncached(app, new MovableClock(Day));
        var links = (await ItemsAsync(site)).Select(i => i.Link).ToList();
        Assert.Equal(Enumerable.Range(10, 50).Reverse().Select(i => $"/articles/story-{i:D2}"), links);
    }

    /// <summary>A clock a test moves forward, as time passes for a running site.</summary>
    private sealed class MovableClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
