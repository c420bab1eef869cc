using System.Buffers;
using System.Globalization;
using System.Text;
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

    public static IResult Result(Feed feed, SiteOptions site, DateTime nowUtc) => new RssResult(feed, site, nowUtc);

    /// <summary>
    /// The channel's head is written by an <see cref="XmlWriter"/>; the items, made at import and well-formed, go out
    /// as they are, the stored UTF-8 straight to the response. Through the writer's <c>WriteRaw</c>, which checks every
    /// character, they were the largest single cost of an uncached feed of 50 full articles (bench/README.md, "Profile").
    /// </summary>
    private sealed class RssResult(Feed feed, SiteOptions site, DateTime nowUtc) : IResult
    {
        private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true };

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = ContentType;
            var body = httpContext.Response.BodyWriter;
            Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + Head(), body);
            foreach (var entry in feed.Entries)
            {
                // Made at import (FeedItems.Rss), stored as UTF-8: its prefixes are the ones bound in the head.
                body.Write(entry.Item);
                if (body.UnflushedBytes > 64 * 1024)
                {
                    await body.FlushAsync(httpContext.RequestAborted);
                }
            }

            Encoding.UTF8.GetBytes("</channel></rss>", body);
            await body.FlushAsync(httpContext.RequestAborted);
        }

        /// <summary>The document up to the first item: <c>rss</c> and <c>channel</c> open, the channel's own elements written.</summary>
        private string Head()
        {
            var text = new StringBuilder(1024);
            using (var writer = XmlWriter.Create(text, Settings))
            {
                writer.WriteStartElement(null, "rss", null);
                writer.WriteAttributeString(null, "version", null, "2.0");
                writer.WriteAttributeString("xmlns", "atom", null, AtomNs);
                writer.WriteAttributeString("xmlns", "dc", null, FeedItems.DcNs);
                writer.WriteAttributeString("xmlns", "content", null, FeedItems.ContentNs);
                writer.WriteAttributeString("xmlns", "media", null, FeedItems.MediaNs);

                writer.WriteStartElement(null, "channel", null);
                writer.WriteElementString(null, "title", null, FeedFormat.XmlText(feed.Title));
                writer.WriteElementString(null, "link", null, feed.PageUrl);
                writer.WriteElementString(null, "description", null, FeedFormat.XmlText(feed.Description));
                writer.WriteElementString(null, "language", null, feed.Language ?? site.Language);
                writer.WriteElementString(null, "lastBuildDate", null, FeedFormat.Rfc822(feed.LastModifiedUtc(nowUtc)));
                writer.WriteStartElement("atom", "link", AtomNs);
                writer.WriteAttributeString(null, "href", null, feed.RssUrl);
                writer.WriteAttributeString(null, "rel", null, "self");
                writer.WriteAttributeString(null, "type", null, FeedLinks.RssContentType);
                writer.WriteEndElement();
                writer.WriteElementString(null, "ttl", null, TimeToLiveMinutes.ToString(CultureInfo.InvariantCulture));
                // Written out before the writer is closed, which would close channel and rss here, ahead of the items.
                writer.Flush();
                return text.ToString();
            }
        }
    }
}
