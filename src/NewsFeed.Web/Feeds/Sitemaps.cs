using System.Globalization;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>Limits of the sitemap files.</summary>
public sealed class SitemapOptions
{
    /// <summary>The sitemap protocol's limit of URLs in one file.</summary>
    public const int MaxUrlsPerFile = 50_000;

    /// <summary>
    /// URLs per sitemap file; above it, <c>/sitemap.xml</c> becomes an index of <c>/sitemap-{n}.xml</c> parts.
    /// Not configuration, so nothing binds it: IOptions hands out this default, and only tests lower it
    /// (<c>Configure&lt;SitemapOptions&gt;</c>) to see the index without 50,000 articles.
    /// </summary>
    public int UrlsPerFile { get; internal set; } = MaxUrlsPerFile;
}

/// <summary>One URL of the sitemap, site-relative.</summary>
internal sealed record SitemapUrl(string Path, DateTime? LastModifiedUtc);

/// <summary>The sitemap (with its index and parts when large) and the Google News sitemap.</summary>
internal static class Sitemaps
{
    public const string ContentType = "application/xml; charset=utf-8";

    /// <summary>Google News reads articles of the last two days only, at most 1,000 per sitemap.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    public const int NewsMaxUrls = 1_000;

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    public static string PartPath(int part) => $"/sitemap-{part.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>
    /// Every public page in a fixed order: the home page, articles (newest first), then sections, tags and
    /// authors by slug. Listing pages are dated by their newest public article; one with none is left out.
    /// </summary>
    public static async Task<List<SitemapUrl>> LoadAsync(NewsDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var published = db.Articles.Published(nowUtc);
        var articles = await published.Newest()
            .Select(a => new { a.Slug, Modified = a.UpdatedUtc ?? a.PublishedUtc })
            .ToListAsync(cancellationToken);
        var sections = await published.Where(a => a.Section != null)
            .GroupBy(a => a.Section!.Slug)
            .Select(g => new { Slug = g.Key, Modified = g.Max(a => a.UpdatedUtc ?? a.PublishedUtc) })
            .ToListAsync(cancellationToken);
        var tags = await published.SelectMany(a => a.Tags, (a, t) => new { t.Slug, Modified = a.UpdatedUtc ?? a.PublishedUtc })
            .GroupBy(x => x.Slug)
            .Select(g => new { Slug = g.Key, Modified = g.Max(x => x.Modified) })
            .ToListAsync(cancellationToken);
        var authors = await published.Where(a => a.Author != null)
            .GroupBy(a => a.Author!.Slug)
            .Select(g => new { Slug = g.Key, Modified = g.Max(a => a.UpdatedUtc ?? a.PublishedUtc) })
            .ToListAsync(cancellationToken);

        var urls = new List<SitemapUrl>(1 + articles.Count + sections.Count + tags.Count + authors.Count)
        {
            new(PagePaths.Home, articles.Count == 0 ? null : articles.Max(a => a.Modified)),
        };
        urls.AddRange(articles.Select(a => new SitemapUrl(PagePaths.Article(a.Slug), a.Modified)));
        urls.AddRange(sections.OrderBy(s => s.Slug, StringComparer.Ordinal).Select(s => new SitemapUrl(PagePaths.Section(s.Slug), s.Modified)));
        urls.AddRange(tags.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => new SitemapUrl(PagePaths.Tag(t.Slug), t.Modified)));
        urls.AddRange(authors.OrderBy(a => a.Slug, StringComparer.Ordinal).Select(a => new SitemapUrl(PagePaths.Author(a.Slug), a.Modified)));
        return urls;
    }

    public static IResult UrlSet(IReadOnlyList<SitemapUrl> urls, SiteOptions site) => new XmlResult(ContentType, async writer =>
    {
        await writer.WriteStartElementAsync(null, "urlset", SitemapNs);
        foreach (var url in urls)
        {
            await writer.WriteStartElementAsync(null, "url", SitemapNs);
            await writer.WriteElementStringAsync(null, "loc", SitemapNs, site.Absolute(url.Path));
            await WriteLastModifiedAsync(writer, url.LastModifiedUtc);
            await writer.WriteEndElementAsync();
        }

        await writer.WriteEndElementAsync();
    });

    public static IResult Index(IReadOnlyList<SitemapUrl> urls, int urlsPerFile, SiteOptions site) => new XmlResult(ContentType, async writer =>
    {
        await writer.WriteStartElementAsync(null, "sitemapindex", SitemapNs);
        var part = 0;
        foreach (var chunk in urls.Chunk(urlsPerFile))
        {
            await writer.WriteStartElementAsync(null, "sitemap", SitemapNs);
            await writer.WriteElementStringAsync(null, "loc", SitemapNs, site.Absolute(PartPath(++part)));
            await WriteLastModifiedAsync(writer, chunk.Max(u => u.LastModifiedUtc));
            await writer.WriteEndElementAsync();
        }

        await writer.WriteEndElementAsync();
    });

    /// <summary>Public articles of the last <see cref="NewsWindow"/>, newest first, at most <see cref="NewsMaxUrls"/>.</summary>
    public static async Task<IResult> NewsAsync(NewsDbContext db, DateTime nowUtc, SiteOptions site, CancellationToken cancellationToken)
    {
        var since = nowUtc - NewsWindow;
        var articles = await db.Articles.Published(nowUtc)
            .Where(a => a.PublishedUtc >= since)
            .Newest()
            .Take(NewsMaxUrls)
            .Select(a => new { a.Slug, a.Headline, a.PublishedUtc })
            .ToListAsync(cancellationToken);
        // Google News wants an ISO 639 language code: the primary subtag of the site's BCP 47 tag.
        var language = site.Language.Split('-')[0].ToLowerInvariant();

        return new XmlResult(ContentType, async writer =>
        {
            await writer.WriteStartElementAsync(null, "urlset", SitemapNs);
            await writer.WriteAttributeStringAsync("xmlns", "news", null, NewsNs);
            foreach (var article in articles)
            {
                await writer.WriteStartElementAsync(null, "url", SitemapNs);
                await writer.WriteElementStringAsync(null, "loc", SitemapNs, site.Absolute(PagePaths.Article(article.Slug)));
                await writer.WriteStartElementAsync("news", "news", NewsNs);
                await writer.WriteStartElementAsync("news", "publication", NewsNs);
                await writer.WriteElementStringAsync("news", "name", NewsNs, FeedFormat.XmlText(site.Name));
                await writer.WriteElementStringAsync("news", "language", NewsNs, language);
                await writer.WriteEndElementAsync();
                await writer.WriteElementStringAsync("news", "publication_date", NewsNs, FeedFormat.W3C(article.PublishedUtc));
                await writer.WriteElementStringAsync("news", "title", NewsNs, FeedFormat.XmlText(article.Headline));
                await writer.WriteEndElementAsync();
                await writer.WriteEndElementAsync();
            }

            await writer.WriteEndElementAsync();
        });
    }

    private static async Task WriteLastModifiedAsync(XmlWriter writer, DateTime? lastModifiedUtc)
    {
        if (lastModifiedUtc is { } modified)
        {
            await writer.WriteElementStringAsync(null, "lastmod", SitemapNs, FeedFormat.W3C(modified));
        }
    }
}
