using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Feeds;

namespace NewsFeed.Tests.Feeds;

/// <summary>Hosts on a fixed clock, and the feeds read back with real parsers.</summary>
internal static class FeedTesting
{
    public const string BaseUrl = "https://news.example.org/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    public const string MediaNs = "http://search.yahoo.com/mrss/";
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>
    /// The app with its clock stopped at <paramref name="now"/> and a canonical base URL that is not the test
    /// server's own (http://localhost), so every absolute URL in a response shows where it was built from.
    /// </summary>
    public static WebApplicationFactory<Program> At(this NewsFeedApp app, DateTimeOffset now, int? sitemapUrlsPerFile = null) =>
        app.WithSetting("NewsFeed:Site:BaseUrl", BaseUrl)
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(new FixedClock(now));
                if (sitemapUrlsPerFile is { } perFile)
                {
                    services.Configure<SitemapOptions>(o => o.UrlsPerFile = perFile);
                }
            }));

    public static string Absolute(string path) => BaseUrl + path.TrimStart('/');

    public static async Task<string> GetTextAsync(this WebApplicationFactory<Program> app, string url, string mediaType)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<HttpStatusCode> GetStatusAsync(this WebApplicationFactory<Program> app, string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public static async Task<SyndicationFeed> GetRssAsync(this WebApplicationFactory<Program> app, string url)
    {
        var xml = await app.GetTextAsync(url, "application/rss+xml");
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    public static async Task<XDocument> GetXmlAsync(this WebApplicationFactory<Program> app, string url, string mediaType = "application/xml") =>
        XDocument.Parse(await app.GetTextAsync(url, mediaType));

    public static async Task<JsonElement> GetJsonFeedAsync(this WebApplicationFactory<Program> app, string url)
    {
        var json = await app.GetTextAsync(url, "application/feed+json");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The text of each element extension <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static List<string> Extensions(this SyndicationItem item, string name, string ns) =>
        [.. item.ElementExtensions.ReadElementExtensions<string>(name, ns)];

    /// <summary>The sitemap's URLs with their lastmod (null when absent), in document order.</summary>
    public static List<(string Loc, DateTimeOffset? LastModified)> Urls(this XDocument sitemap) =>
        [.. sitemap.Root!.Elements(Sitemap + "url").Select(u => (
            u.Element(Sitemap + "loc")!.Value,
            u.Element(Sitemap + "lastmod") is { } lastmod ? DateTimeOffset.Parse(lastmod.Value, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null))];
}
