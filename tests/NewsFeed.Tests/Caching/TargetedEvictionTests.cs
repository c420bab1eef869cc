using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Caching;

/// <summary>
/// A content change evicts exactly the cached pages that show what it touched: every page records its dependency
/// keys while it renders, and each import's change names the keys it touched.
/// </summary>
public sealed class TargetedEvictionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Warmed =
    [
        "/", "/articles/harbour", "/articles/ferry", "/articles/bridge", "/articles/tunnel", "/tags/port", "/tags/roads",
        "/authors/jo", "/feed.xml", "/tags/roads/feed.xml", "/search?q=crossing", "/tags", "/about",
    ];

    private static SeedFolder Newsroom() => SeedFolder.Create()
        .Write("authors/jo.md", "---\nname: Jo Writer\n---\nJo writes.\n")
        .With(Story("Harbour", "harbour", 1, "port").By("jo"))
        .With(Story("Ferry", "ferry", 2, "port"))
        .With(Story("Bridge", "bridge", 3, "roads"))
        .With(Story("Tunnel", "tunnel", 4, "roads"));

    private static MarkdownArticle Story(string headline, string slug, int day, string tag, string body = "The first crossing.") =>
        new MarkdownArticle(headline).WithSlug(slug).Tagged(tag).PublishedOn(new DateTime(2025, 3, day, 9, 0, 0, DateTimeKind.Utc)).WithBody(body);

    /// <summary>Renders each URL twice, so every one is in the cache.</summary>
    private static async Task WarmAsync(HttpClient client)
    {
        foreach (var url in Warmed)
        {
            for (var i = 0; i < 2; i++)
            {
                using var response = await client.GetAsync(url, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    /// <summary>The warmed URLs whose next answer comes from the cache (an Age header) rather than a fresh render.</summary>
    private static async Task<HashSet<string>> StillCachedAsync(HttpClient client)
    {
        var cached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in Warmed)
        {
            using var response = await client.GetAsync(url, Ct);
            if (response.Headers.Age is not null)
            {
                cached.Add(url);
            }
        }

        return cached;
    }

    private static async Task ImportAsync(NewsFeedApp app) =>
        await app.Services.GetRequiredService<SeedImport>().RunAsync(Ct);

    [Fact]
    public async Task Editing_one_body_evicts_its_page_and_what_shows_it_and_nothing_else()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await WarmAsync(client);

        seeds.With(Story("Bridge", "bridge", 3, "roads", "The second crossing, now open."));
        await ImportAsync(app);

        var cached = await StillCachedAsync(client);
        // Bridge's own page, the listings and feeds that show its teaser or body, and search.
        Assert.DoesNotContain("/articles/bridge", cached);
        Assert.DoesNotContain("/", cached);
        Assert.DoesNotContain("/tags/roads", cached);
        Assert.DoesNotContain("/feed.xml", cached);
        Assert.DoesNotContain("/tags/roads/feed.xml", cached);
        Assert.DoesNotContain("/search?q=crossing", cached);
        // Tunnel shares the tag: its "Read more" shows Bridge's teaser.
        Assert.DoesNotContain("/articles/tunnel", cached);
        // Everything else stays: other articles, another tag, the author, the indexes, the about page.
        Assert.Equal(["/about", "/articles/ferry", "/articles/harbour", "/authors/jo", "/tags", "/tags/port"], cached.Order(StringComparer.Ordinal));
        Assert.Contains("now open", await (await client.GetAsync("/articles/bridge", Ct)).Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paragraph_added_at_the_end_evicts_the_page_and_feeds_not_the_teasers()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await WarmAsync(client);

        // The teaser (headline, first paragraph as excerpt) stays as it was.
        seeds.With(Story("Bridge", "bridge", 3, "roads", "The first crossing.\n\nA second paragraph, added later."));
        await ImportAsync(app);

        var cached = await StillCachedAsync(client);
        Assert.DoesNotContain("/articles/bridge", cached);
        Assert.DoesNotContain("/feed.xml", cached);
        Assert.DoesNotContain("/tags/roads/feed.xml", cached);
        Assert.DoesNotContain("/search?q=crossing", cached);
        Assert.Equal(["/", "/about", "/articles/ferry", "/articles/harbour", "/articles/tunnel", "/authors/jo", "/tags", "/tags/port", "/tags/roads"],
            cached.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_import_that_changed_nothing_evicts_nothing()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await WarmAsync(client);

        await ImportAsync(app);

        Assert.Equal(Warmed.Length, (await StillCachedAsync(client)).Count);
    }

    [Fact]
    public async Task Moving_an_article_to_another_tag_evicts_both_tags_listings()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await WarmAsync(client);

        seeds.With(Story("Ferry", "ferry", 2, "roads"));
        await ImportAsync(app);

        var cached = await StillCachedAsync(client);
        Assert.DoesNotContain("/tags/port", cached);
        Assert.DoesNotContain("/tags/roads", cached);
        Assert.DoesNotContain("/tags", cached);
        Assert.Contains("/about", cached);
        var roads = await (await client.GetAsync("/tags/roads", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Ferry", roads, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_article_on_top_evicts_the_listings_it_joins_not_the_other_articles()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await WarmAsync(client);

        seeds.With(Story("Causeway", "causeway", 9, "port"));
        await ImportAsync(app);

        var cached = await StillCachedAsync(client);
        Assert.DoesNotContain("/", cached);
        Assert.DoesNotContain("/feed.xml", cached);
        Assert.DoesNotContain("/tags/port", cached);
        // Articles that share its tag may now show it under "Read more"; the others are untouched.
        Assert.DoesNotContain("/articles/harbour", cached);
        Assert.Contains("/articles/bridge", cached);
        Assert.Contains("/articles/tunnel", cached);
        Assert.Contains("/tags/roads", cached);
    }

    [Fact]
    public async Task An_author_file_change_evicts_the_authors_pages_and_bylines_only()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await WarmAsync(client);

        seeds.Write("authors/jo.md", "---\nname: Jo Writer\njob_title: Harbour reporter\n---\nJo writes.\n");
        await ImportAsync(app);

        var cached = await StillCachedAsync(client);
        Assert.DoesNotContain("/authors/jo", cached);
        Assert.DoesNotContain("/articles/harbour", cached);
        Assert.DoesNotContain("/", cached);
        Assert.Contains("/articles/ferry", cached);
        Assert.Contains("/tags/roads", cached);
    }

    [Fact]
    public async Task Responses_name_their_keys_and_carry_cache_control_and_their_own_last_modified()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();

        using var page = await client.GetAsync("/articles/bridge", Ct);
        var keys = page.Headers.GetValues("xkey").Single().Split(' ');
        Assert.Contains(ContentKeys.ArticleBody("bridge"), keys);
        Assert.Contains(ContentKeys.Tag("roads"), keys);
        Assert.Contains(ContentKeys.Article("tunnel"), keys);
        Assert.Contains(ContentKeys.Any, keys);
        Assert.DoesNotContain(ContentKeys.Article("harbour"), keys);
        Assert.Equal("public, max-age=0, s-maxage=600, stale-while-revalidate=30", page.Headers.CacheControl!.ToString());
        var ferryModified = (await client.GetAsync("/articles/ferry", Ct)).Content.Headers.LastModified;

        // A second later Bridge changes: its page's Last-Modified moves, Ferry's does not.
        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct);
        seeds.With(Story("Bridge", "bridge", 3, "roads", "The second crossing."));
        await ImportAsync(app);

        using var changed = await client.GetAsync("/articles/bridge", Ct);
        Assert.True(changed.Content.Headers.LastModified > page.Content.Headers.LastModified);
        Assert.Equal(ferryModified, (await client.GetAsync("/articles/ferry", Ct)).Content.Headers.LastModified);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/articles/ferry");
        conditional.Headers.IfModifiedSince = ferryModified;
        using var notModified = await client.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }
}
