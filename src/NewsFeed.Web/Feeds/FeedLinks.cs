namespace NewsFeed.Web.Feeds;

/// <summary>
/// Site-relative addresses of the feeds, for <c>&lt;link rel="alternate"&gt;</c> tags and subscribe links
/// (<see cref="Site.SiteOptions.Absolute"/> makes them absolute). The endpoints answer exactly these.
/// </summary>
public static class FeedLinks
{
    public const string RssContentType = "application/rss+xml";
    public const string JsonContentType = "application/feed+json";

    public const string HomeRss = "/feed.xml";
    public const string HomeJson = "/feed.json";

    /// <summary>An edition's feeds beside its front page: <c>/uk/feed.xml</c> (the default edition's are <see cref="HomeRss"/>).</summary>
    public static string EditionRss(Site.Edition edition) => edition.Prefix + HomeRss;

    public static string EditionJson(Site.Edition edition) => edition.Prefix + HomeJson;

    public static string AuthorRss(string slug) => $"/authors/{Uri.EscapeDataString(slug)}/feed.xml";
    public static string AuthorJson(string slug) => $"/authors/{Uri.EscapeDataString(slug)}/feed.json";

    public static string TagRss(string slug) => $"/tags/{Uri.EscapeDataString(slug)}/feed.xml";
    public static string TagJson(string slug) => $"/tags/{Uri.EscapeDataString(slug)}/feed.json";

    public static string SectionRss(string slug) => $"/sections/{Uri.EscapeDataString(slug)}/feed.xml";
    public static string SectionJson(string slug) => $"/sections/{Uri.EscapeDataString(slug)}/feed.json";
}
