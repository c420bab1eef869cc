using System.Globalization;
using System.Text;
using System.Xml;

namespace NewsFeed.Web.Feeds;

/// <summary>Dates and text as the feed and sitemap formats want them.</summary>
internal static class FeedFormat
{
    /// <summary>The store's times are UTC, but SQLite hands them back with an unspecified kind.</summary>
    public static DateTimeOffset Utc(DateTime storedUtc) => new(DateTime.SpecifyKind(storedUtc, DateTimeKind.Utc));

    /// <summary>RSS 2.0 dates: RFC 822 with a four-digit year, e.g. <c>Mon, 15 Sep 2025 00:00:00 GMT</c>.</summary>
    public static string Rfc822(DateTime storedUtc) => Utc(storedUtc).ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Sitemap and Google News dates: W3C datetime with an explicit offset, e.g. <c>2025-09-15T00:00:00+00:00</c>.</summary>
    public static string W3C(DateTime storedUtc) => Utc(storedUtc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops characters XML cannot carry (a vertical tab pasted from a word processor, say). XmlWriter would
    /// throw on them halfway through the response, and one stray character must not take the whole feed down.
    /// </summary>
    public static string XmlText(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }

            i += width - 1;
        }

        if (firstBad < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length).Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                clean.Append(text, i, width);
                i += width - 1;
            }
        }

        return clean.ToString();
    }

    private static bool IsXmlCharAt(string text, int index, out int width)
    {
        width = 1;
        var c = text[index];
        if (XmlConvert.IsXmlChar(c))
        {
            return true;
        }

        if (index + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[index + 1], c))
        {
            width = 2;
            return true;
        }

        return false;
    }
}
