using System.Globalization;
using System.Xml;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>RSS 2.0 with the usual modules: Atom (self link), Dublin Core (creator), content (full HTML), Media RSS.</summary>
internal static class Rss
{
    public const string ContentType = FeedLinks.RssContentType + "; charset=utf-8";

    private const string AtomNs = "http://www.w3.org/2005/Atom";

    /// <summary>Minutes a reader may cache the feed: news changes through the day, but not by the minute.</summary>
    private const int TimeToLiveMinutes = 30;

    public static IResult Result(Feed feed, SiteOptions site, DateTime nowUtc) =>
        new XmlResult(ContentType, writer => WriteAsync(writer, feed, site, nowUtc));

    private static async Task WriteAsync(XmlWriter writer, Feed feed, SiteOptions site, DateTime nowUtc)
    {
        await writer.WriteStartElementAsync(null, "rss", null);
        await writer.WriteAttributeStringAsync(null, "version", null, "2.0");
        await writer.WriteAttributeStringAsync("xmlns", "atom", null, AtomNs);
        await writer.WriteAttributeStringAsync("xmlns", "dc", null, FeedItems.DcNs);
        await writer.WriteAttributeStringAsync("xmlns", "content", null, FeedItems.ContentNs);
        await writer.WriteAttributeStringAsync("xmlns", "media", null, FeedItems.MediaNs);

        await writer.WriteStartElementAsync(null, "channel", null);
        await writer.WriteElementStringAsync(null, "title", null, FeedFormat.XmlText(feed.Title));
        await writer.WriteElementStringAsync(null, "link", null, feed.PageUrl);
        await writer.WriteElementStringAsync(null, "description", null, FeedFormat.XmlText(feed.Description));
        await writer.WriteElementStringAsync(null, "language", null, site.Language);
        await writer.WriteElementStringAsync(null, "lastBuildDate", null, FeedFormat.Rfc822(feed.LastModifiedUtc(nowUtc)));
        await writer.WriteStartElementAsync("atom", "link", AtomNs);
        await writer.WriteAttributeStringAsync(null, "href", null, feed.RssUrl);
        await writer.WriteAttributeStringAsync(null, "rel", null, "self");
        await writer.WriteAttributeStringAsync(null, "type", null, FeedLinks.RssContentType);
        await writer.WriteEndElementAsync();
        await writer.WriteElementStringAsync(null, "ttl", null, TimeToLiveMinutes.ToString(CultureInfo.InvariantCulture));

        foreach (var entry in feed.Entries)
        {
            // Made at import (FeedItems.Rss): its prefixes are the ones bound above.
            await writer.WriteRawAsync(entry.Item);
        }

        await writer.WriteEndElementAsync();
        await writer.WriteEndElementAsync();
    }
}
