using System.Text;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>
/// Feeds (RSS 2.0 and JSON Feed, for the site and per author, tag and section), sitemaps and robots.txt.
/// Every URL in them comes from <see cref="SiteOptions.BaseUrl"/>, never from the request's Host header,
/// and only public articles (not drafts, not scheduled) appear.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>The home feeds' items kept in memory between content changes (<see cref="HomeFeedItems"/>).</summary>
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HomeFeedItems>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        // Everything here is derived from the store (robots.txt from configuration): cached until the next import.
        var app = endpoints.MapGroup("").WithMetadata(new PageCacheAttribute(CachePolicies.Feeds));
        // The default edition's articles at /feed.xml, each other edition's beside its front page (/uk/feed.xml).
        app.MapGetAndHead(FeedLinks.HomeRss, ([AsParameters] FeedServices s, Editions e, CancellationToken ct) => RssAsync(s, FeedScope.Home, null, ct, e.Default));
        app.MapGetAndHead(FeedLinks.HomeJson, ([AsParameters] FeedServices s, Editions e, CancellationToken ct) => JsonAsync(s, FeedScope.Home, null, ct, e.Default));
        app.MapGetAndHead("/{edition:" + EditionRouteConstraint.Name + "}" + FeedLinks.HomeRss,
            (string edition, [AsParameters] FeedServices s, Editions e, CancellationToken ct) => RssAsync(s, FeedScope.Home, null, ct, e.Find(edition)));
        app.MapGetAndHead("/{edition:" + EditionRouteConstraint.Name + "}" + FeedLinks.HomeJson,
            (string edition, [AsParameters] FeedServices s, Editions e, CancellationToken ct) => JsonAsync(s, FeedScope.Home, null, ct, e.Find(edition)));
        MapScoped(app, "authors", FeedScope.Author);
        MapScoped(app, "tags", FeedScope.Tag);
        MapScoped(app, "sections", FeedScope.Section);

        app.MapGetAndHead("/sitemap.xml", async ([AsParameters] FeedServices s, IOptions<SitemapOptions> options, Editions editions, CancellationToken ct) =>
        {
            var urls = await Sitemaps.LoadAsync(s.Db, s.NowUtc, editions, ct);
            s.Http.DependsOn(ContentKeys.Sitemap);
            var perFile = options.Value.UrlsPerFile;
            return urls.Count > perFile ? Sitemaps.Index(urls, perFile, s.Site) : Sitemaps.UrlSet(urls, s.Site);
        });
        app.MapGetAndHead("/sitemap-{part:int}.xml", async (int part, [AsParameters] FeedServices s, IOptions<SitemapOptions> options, Editions editions, CancellationToken ct) =>
        {
            var urls = await Sitemaps.LoadAsync(s.Db, s.NowUtc, editions, ct);
            s.Http.DependsOn(ContentKeys.Sitemap);
            var perFile = options.Value.UrlsPerFile;
            // Parts exist only while /sitemap.xml is an index that names them.
            var parts = urls.Count > perFile ? urls.Chunk(perFile).ToList() : [];
            return part >= 1 && part <= parts.Count ? Sitemaps.UrlSet(parts[part - 1], s.Site) : TypedResults.NotFound();
        });
        app.MapGetAndHead("/news-sitemap.xml", ([AsParameters] FeedServices s, CancellationToken ct) =>
        {
            s.Http.DependsOn(ContentKeys.Sitemap);
            return Sitemaps.NewsAsync(s.Db, s.NowUtc, s.Site, ct);
        });

        app.MapGetAndHead("/robots.txt", (IOptions<SiteOptions> site) => TypedResults.Text(
            $"""
            User-agent: *
            Allow: /

            Sitemap: {site.Value.Absolute("/sitemap.xml")}
            Sitemap: {site.Value.Absolute("/news-sitemap.xml")}

            """,
            "text/plain",
            Encoding.UTF8));

        return endpoints;
    }

    private static void MapScoped(RouteGroupBuilder app, string prefix, FeedScope scope)
    {
        app.MapGetAndHead($"/{prefix}/{{slug}}/feed.xml", (string slug, [AsParameters] FeedServices s, CancellationToken ct) => RssAsync(s, scope, slug, ct));
        app.MapGetAndHead($"/{prefix}/{{slug}}/feed.json", (string slug, [AsParameters] FeedServices s, CancellationToken ct) => JsonAsync(s, scope, slug, ct));
    }

    private static async Task<IResult> RssAsync(FeedServices s, FeedScope scope, string? slug, CancellationToken ct, Edition? edition = null)
    {
        var now = s.NowUtc;
        var feed = await Feed.LoadAsync(s.Db, scope, slug, FeedKind.Rss, now, s.Site, ct, edition, s.HomeItems);
        feed?.RecordDependencies(s.Http, scope, slug);
        return feed is null ? TypedResults.NotFound() : Rss.Result(feed, s.Site, now);
    }

    private static async Task<IResult> JsonAsync(FeedServices s, FeedScope scope, string? slug, CancellationToken ct, Edition? edition = null)
    {
        var feed = await Feed.LoadAsync(s.Db, scope, slug, FeedKind.Json, s.NowUtc, s.Site, ct, edition, s.HomeItems);
        feed?.RecordDependencies(s.Http, scope, slug);
        return feed is null ? TypedResults.NotFound() : JsonFeed.Result(feed, s.Site);
    }

    // Feed readers and crawlers probe with HEAD; minimal APIs' MapGet answers only GET.
    private static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler);

    /// <summary>What every feed endpoint needs, bound with [AsParameters].</summary>
    internal sealed record FeedServices(NewsDbContext Db, TimeProvider Time, IOptions<SiteOptions> Options, HttpContext Http, HomeFeedItems HomeItems)
    {
        public DateTime NowUtc { get; } = Time.GetUtcNow().UtcDateTime;

        public SiteOptions Site => Options.Value;
    }
}
