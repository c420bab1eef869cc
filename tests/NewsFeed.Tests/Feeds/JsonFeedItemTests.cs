using System.Text;
using System.Text.Json;
using CsCheck;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Site;

namespace NewsFeed.Tests.Feeds;

/// <summary>
/// A stored JSON Feed item over any text an article can hold: the feed escapes only what JSON requires
/// (<see cref="JsonFeed.Encoder"/>), so every item must still parse and give back each field exactly, and HTML and
/// letters must be written as themselves.
/// </summary>
public sealed class JsonFeedItemTests
{
    // What JSON must escape (quotes, backslashes, control characters), what the web-page encoder used to escape (HTML's
    // characters, non-ASCII letters), and what a reader might choke on: line and paragraph separators, a BOM, an emoji
    // (a surrogate pair, kept whole: text decoded from UTF-8 has no lone surrogates).
    private static readonly string[] Pieces =
    [
        "\"", "\\", "\0", "\b", "\f", "\n", "\r", "\t", "\u001F", "\u007F", "<", ">", "&", "'", "+", "`", "/",
        "\u2028", "\u2029", "\uFEFF", "ї", "Є", "é", "中", "\U0001F4F0", "a", "Z", "0", " ", "<p>", "</script>", "&amp;",
    ];

    private static readonly Gen<string> Text = Gen.Int[0, Pieces.Length - 1].Array[0, 24].Select(i => string.Concat(i.Select(p => Pieces[p])));

    [Fact]
    public void Every_field_parses_back_as_written()
    {
        var site = new SiteOptions();
        Gen.Select(Text, Text, Text, Text, Text).Sample((headline, excerpt, html, tag, author) =>
        {
            var article = new FeedArticle("a-slug", headline, excerpt, html, new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc), null, null,
                "an-author", author, [tag]);

            var bytes = FeedItems.Json(article, site);

            using var item = JsonDocument.Parse(bytes);
            Assert.Equal(headline, item.RootElement.GetProperty("title").GetString());
            Assert.Equal(excerpt, item.RootElement.GetProperty("summary").GetString());
            Assert.Equal(html, item.RootElement.GetProperty("content_html").GetString());
            Assert.Equal(tag, Assert.Single(item.RootElement.GetProperty("tags").EnumerateArray()).GetString());
            Assert.Equal(author, Assert.Single(item.RootElement.GetProperty("authors").EnumerateArray()).GetProperty("name").GetString());
            var json = Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("\\u003C", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\\u0457", json, StringComparison.OrdinalIgnoreCase);
        }, iter: 5_000);
    }
}
