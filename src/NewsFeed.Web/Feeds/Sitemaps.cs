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

/// <summary>One URL of the sitemap, site-relative, with the same page in the site's other languages.</summary>
internal sealed record SitemapUrl(string Path, DateTime? LastModifiedUtc, IReadOnlyList<SitemapAlternate>? Alternates = null);

/// <summary>An <c>xhtml:link rel="alternate"</c>: the page in <paramref name="HrefLang"/> (a BCP 47 tag, or <c>x-default</c>).</summary>
internal sealed record SitemapAlternate(string HrefLang, string Path);

/// <summary>The sitemap (with its index and parts when large) and the Google News sitemap.</summary>
internal static class Sitemaps
{
    public const string ContentType = "application/xml; charset=utf-8";

    /// <summary>Google News reads articles of the last two days only, at most 1,000 per sitemap.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    public const int NewsMaxUrls = 1_000;

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    public static string PartPath(int part) => $"/sitemap-{part.ToString(CultureInfo.InvariantCulture)}.xml";

    /// <summary>
    /// Every public page in a fixed order: the home page, articles (newest first), then sections, tags and
    /// authors by slug. Listing pages are dated by their newest public article; one with none is left out. An article
    /// with a public translation names every language's page of it (itself included) and the original as x-default, as
    /// its page's head does; so does each edition's front page.
    /// </summary>
    public static async Task<List<SitemapUrl>> LoadAsync(NewsDbContext db, DateTime nowUtc, Editions editions, CancellationToken cancellationToken)
    {
        var published = db.Articles.Published(nowUtc);
        var articles = await published.Newest()
            .Select(a => new { a.Slug, Modified = a.UpdatedUtc ?? a.PublishedUtc, a.Language, a.TranslationOf })
            .ToListAsync(cancellationToken);
        var families = articles.Where(a => a.TranslationOf is not null).Select(a => a.TranslationOf!).ToHashSet(StringComparer.Ordinal);
        var members = articles.Where(a => families.Contains(a.TranslationOf ?? a.Slug))
            .ToLookup(a => a.TranslationOf ?? a.Slug, StringComparer.Ordinal);
        List<SitemapAlternate>? AlternatesOf(string root)
        {
            var family = members[root].ToList();
            if (family.Count < 2)
            {
                return null;
            }

            var alternates = family.OrderBy(m => m.TranslationOf is not null).ThenBy(m => m.Language, StringComparer.Ordinal)
                .Select(m => new SitemapAlternate(editions.Of(m.Language).Tag, PagePaths.Article(m.Slug))).ToList();
            if (family.Find(m => m.TranslationOf is null) is { } original)
            {
                alternates.Add(new SitemapAlternate("x-default", PagePaths.Article(original.Slug)));
            }

            return alternates;
        }

        var languages = articles.Select(a => a.Language).ToHashSet(StringComparer.Ordinal);
        var homes = editions.All.Where(e => e == editions.Default || languages.Contains(e.Code)).ToList();
        List<SitemapAlternate>? homeAlternates = homes.Count < 2 ? null
            : [.. homes.Select(e => new SitemapAlternate(e.Tag, e.Home)), new SitemapAlternate("x-default", editions.Default.Home)];
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

        var urls = new List<SitemapUrl>(homes.Count + articles.Count + sections.Count + tags.Count + authors.Count);
        foreach (var home in homes)
        {
            var own = articles.Where(a => a.Language == home.Code).ToList();
            urls.Add(new(home.Home, own.Count == 0 ? null : own.Max(a => a.Modified), homeAlternates));
        }

        urls.AddRange(articles.Select(a => new SitemapUrl(PagePaths.Article(a.Slug), a.Modified, AlternatesOf(a.TranslationOf ?? a.Slug))));
        urls.AddRange(sections.OrderBy(s => s.Slug, StringComparer.Ordinal).Select(s => new SitemapUrl(PagePaths.Section(s.Slug), s.Modified)));
        urls.AddRange(tags.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => new SitemapUrl(PagePaths.Tag(t.Slug), t.Modified)));
        urls.AddRange(authors.OrderBy(a => a.Slug, StringComparer.Ordinal).Select(a => new SitemapUrl(PagePaths.Author(a.Slug), a.Modified)));
        return urls;
    }

    public static IResult UrlSet(IReadOnlyList<SitemapUrl> urls, SiteOptions site) => new XmlResult(ContentType, async writer =>
    {
        await writer.WriteStartElementAsync(null, "urlset", SitemapNs);
        if (urls.Any(u => u.Alternates is not null))
        {
            await writer.WriteAttributeStringAsync("xmlns", "xhtml", null, XhtmlNs);
        }

        foreach (var url in urls)
        {
            await writer.WriteStartElementAsync(null, "url", SitemapNs);
            await writer.WriteElementStringAsync(null, "loc", SitemapNs, site.Absolute(url.Path));
            await WriteLastModifiedAsync(writer, url.LastModifiedUtc);
            foreach (var alternate in url.Alternates ?? [])
            {
                // Google's form of hreflang in a sitemap: every language's page, itself included, on each of them.
                await writer.WriteStartElementAsync("xhtml", "link", XhtmlNs);
                await writer.WriteAttributeStringAsync(null, "rel", null, "alternate");
                await writer.WriteAttributeStringAsync(null, "hreflang", null, alternate.HrefLang);
                await writer.WriteAttributeStringAsync(null, "href", null, site.Absolute(alternate.Path));
                await writer.WriteEndElementAsync();
            }

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
            .Select(a => new { a.Slug, a.Headline, a.PublishedUtc, a.Language })
            .ToListAsync(cancellationToken);

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
                // Google News wants an ISO 639 code: the article's edition code (the primary subtag of its BCP 47 tag).
                await writer.WriteElementStringAsync("news", "language", NewsNs, article.Language);
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
