using System.Globalization;
using System.Net;
using System.Text;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>
/// An article's full HTML as a feed reader gets it: the hero image first, then the sanitized body, with every
/// site-relative link and image made absolute. A reader resolves a relative URL against the feed's own address
/// (or not at all), so <c>/media/map.jpg</c> would show as a broken image. A body's <c>&lt;picture&gt;</c> becomes its
/// <c>&lt;img&gt;</c> alone: the large variant with its width and height (feed readers pick no source and resize to
/// their column). Made when the article is imported (<see cref="Data.ArticleViews"/>) and stored, so feeds never parse
/// HTML per request.
/// </summary>
/// <remarks>
/// The body is HTML the sanitizer serialized (or a text page's encoded paragraphs): every <c>&lt;</c> of its text is
/// escaped and every attribute quoted, so its tags are found by reading it once, without a parser. That is the
/// import's one HTML parse per article (the sanitizer's), not two: a second one here was 11 % of a 10,000-article
/// import's CPU samples once the JIT was done (bench/README, "Profile").
/// </remarks>
internal sealed class FeedContent(SiteOptions site)
{
    // A picture's <img> in a feed: one file, no choice among widths, no loading hints.
    private static readonly string[] PictureOnly = ["srcset", "sizes", "loading", "decoding"];

    // Elements whose contents are text to the browser, not tags (none survives the sanitizer; read safely all the same).
    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

    public string Html(string slug, string html, Model.HeroImage? image, FeedPicture? picture = null)
    {
        var articleUrl = site.Absolute(PagePaths.Article(slug));
        var output = new StringBuilder(html.Length + 256);
        if (image?.Src is { } src)
        {
            output.Append("<figure><img src=\"");
            Attribute(output, site.Absolute(picture?.Url ?? src));
            output.Append('"');
            if (picture is not null)
            {
                output.Append(" width=\"").Append(picture.Width.ToString(CultureInfo.InvariantCulture))
                    .Append("\" height=\"").Append(picture.Height.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            output.Append(" alt=\"");
            Attribute(output, image.Alt ?? "");
            output.Append("\">");
            var caption = string.Join(" ", new[] { image.Caption, image.Credit is null ? null : $"({image.Credit})" }.OfType<string>());
            if (caption.Length > 0)
            {
                output.Append("<figcaption>");
                Text(output, caption);
                output.Append("</figcaption>");
            }

            output.Append("</figure>");
        }

        Body(html, articleUrl, output);
        return output.ToString();
    }

    /// <summary>The body with its URLs made absolute and each picture reduced to its image.</summary>
    private void Body(string html, string articleUrl, StringBuilder output)
    {
        var at = 0;
        while (at < html.Length)
        {
            var open = html.IndexOf('<', at);
            if (open < 0)
            {
                output.Append(html, at, html.Length - at);
                return;
            }

            output.Append(html, at, open - at);
            if (string.CompareOrdinal(html, open, "<!--", 0, 4) == 0)
            {
                at = Through(html, open + 4, "-->");
                output.Append(html, open, at - open);
                continue;
            }

            if (!Tag.TryRead(html, open, out var tag))
            {
                // An end tag, or a "<" that starts none: as it is.
                var close = open + 1 < html.Length && html[open + 1] == '/' ? html.IndexOf('>', open) : -1;
                at = close < 0 ? open + 1 : close + 1;
                output.Append(html, open, at - open);
                continue;
            }

            if (tag.Is("picture"))
            {
                var (image, end) = PictureImage(html, tag.End);
                if (image is { } img)
                {
                    Write(html, img, articleUrl, output, PictureOnly);
                }

                at = end;
                continue;
            }

            Write(html, tag, articleUrl, output, []);
            at = tag.End;
            if (Array.Find(RawText, tag.Is) is { } raw && !tag.SelfClosing)
            {
                var close = html.IndexOf("</" + raw, at, StringComparison.OrdinalIgnoreCase);
                var end = close < 0 ? html.Length : close;
                output.Append(html, at, end - at);
                at = end;
            }
        }
    }

    /// <summary>A picture's first image and where the picture ends (after its end tag, or the end of the body).</summary>
    private static (Tag? Image, int End) PictureImage(string html, int at)
    {
        Tag? image = null;
        var depth = 1;
        while ((at = html.IndexOf('<', at)) >= 0)
        {
            if (string.CompareOrdinal(html, at, "<!--", 0, 4) == 0)
            {
                at = Through(html, at + 4, "-->");
            }
            else if (Tag.TryRead(html, at, out var tag))
            {
                image ??= tag.Is("img") ? tag : null;
                depth += tag.Is("picture") ? 1 : 0;
                at = tag.End;
            }
            else if (string.Compare(html, at, "</picture", 0, 9, StringComparison.OrdinalIgnoreCase) == 0 && --depth == 0)
            {
                var close = html.IndexOf('>', at);
                return (image, close < 0 ? html.Length : close + 1);
            }
            else
            {
                at++;
            }
        }

        return (image, html.Length);
    }

    private static int Through(string html, int from, string end)
    {
        var found = html.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? html.Length : found + end.Length;
    }

    /// <summary>A start tag as written, but for <paramref name="dropped"/> attributes and its URLs made absolute.</summary>
    private void Write(string html, Tag tag, string articleUrl, StringBuilder output, string[] dropped)
    {
        output.Append(html, tag.Start, tag.NameEnd - tag.Start);
        foreach (var attribute in tag.Attributes)
        {
            var name = html.AsSpan(attribute.Name, attribute.NameLength);
            if (IsAny(name, dropped))
            {
                continue;
            }

            if ((name.Equals("href", StringComparison.OrdinalIgnoreCase) || name.Equals("src", StringComparison.OrdinalIgnoreCase))
                && attribute.Value >= 0 && Absolute(Decoded(html.Substring(attribute.Value, attribute.ValueLength)), articleUrl) is { } absolute)
            {
                output.Append(' ').Append(name).Append("=\"");
                Attribute(output, absolute);
                output.Append('"');
                continue;
            }

            output.Append(html, attribute.Start, attribute.End - attribute.Start);
        }

        output.Append(html, tag.AttributesEnd, tag.End - tag.AttributesEnd);
    }

    private static bool IsAny(ReadOnlySpan<char> name, string[] names)
    {
        foreach (var candidate in names)
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Decoded(string value) => value.Contains('&') ? WebUtility.HtmlDecode(value) : value;

    // Site-relative paths get the configured base; "#fn-1" style links point into the article's page.
    private string? Absolute(string url, string articleUrl) =>
        url.StartsWith('#') ? articleUrl + url
        : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? site.Absolute(url)
        : null;

    private static void Attribute(StringBuilder output, string value) => Escaped(output, value, inAttribute: true);

    private static void Text(StringBuilder output, string text) => Escaped(output, text, inAttribute: false);

    // As HTML serializes them: an attribute value (in double quotes) escapes its quote, text its angle brackets.
    private static void Escaped(StringBuilder output, string value, bool inAttribute)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '\u00A0' => output.Append("&nbsp;"),
                '"' when inAttribute => output.Append("&quot;"),
                '<' when !inAttribute => output.Append("&lt;"),
                '>' when !inAttribute => output.Append("&gt;"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>A start tag's parts, as positions in the HTML it was read from.</summary>
    private readonly record struct Tag(int Start, int NameEnd, List<TagAttribute> Attributes, int AttributesEnd, int End, bool SelfClosing, string Html)
    {
        public bool Is(string name) =>
            NameEnd - Start - 1 == name.Length && string.Compare(Html, Start + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>
        /// The start tag at <paramref name="open"/> (a "&lt;" then a letter), read as HTML's tokenizer reads one: its
        /// name, then attributes (a value quoted either way, or bare) up to the "&gt;" outside quotes.
        /// </summary>
        public static bool TryRead(string html, int open, out Tag tag)
        {
            tag = default;
            var at = open + 1;
            if (at >= html.Length || !char.IsAsciiLetter(html[at]))
            {
                return false;
            }

            while (at < html.Length && !IsSpace(html[at]) && html[at] is not ('/' or '>'))
            {
                at++;
            }

            var nameEnd = at;
            var attributes = new List<TagAttribute>();
            while (true)
            {
                var start = at;
                while (at < html.Length && (IsSpace(html[at]) || (html[at] == '/' && at + 1 < html.Length && html[at + 1] != '>')))
                {
                    at++;
                }

                if (at >= html.Length)
                {
                    return false;
                }

                if (html[at] == '>' || (html[at] == '/' && at + 1 < html.Length && html[at + 1] == '>'))
                {
                    var selfClosing = html[at] == '/';
                    var end = at + (selfClosing ? 2 : 1);
                    tag = new Tag(open, nameEnd, attributes, start, end, selfClosing, html);
                    return true;
                }

                var name = at;
                at++; // A name's first character may be "=".
                while (at < html.Length && !IsSpace(html[at]) && html[at] is not ('/' or '>' or '='))
                {
                    at++;
                }

                var nameLength = at - name;
                var afterName = at;
                while (at < html.Length && IsSpace(html[at]))
                {
                    at++;
                }

                if (at >= html.Length || html[at] != '=')
                {
                    at = afterName;
                    attributes.Add(new TagAttribute(start, name, nameLength, -1, 0, at));
                    continue;
                }

                at++;
                while (at < html.Length && IsSpace(html[at]))
                {
                    at++;
                }

                if (at >= html.Length)
                {
                    return false;
                }

                int value, valueLength;
                if (html[at] is '"' or '\'')
                {
                    var close = html.IndexOf(html[at], at + 1);
                    if (close < 0)
                    {
                        return false;
                    }

                    (value, valueLength, at) = (at + 1, close - at - 1, close + 1);
                }
                else
                {
                    value = at;
                    while (at < html.Length && !IsSpace(html[at]) && html[at] != '>')
                    {
                        at++;
                    }

                    valueLength = at - value;
                }

                attributes.Add(new TagAttribute(start, name, nameLength, value, valueLength, at));
            }
        }

        // HTML's ASCII whitespace.
        private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
    }

    /// <summary>An attribute as written: from the space before it to its end; its value's place, or -1 for none.</summary>
    private readonly record struct TagAttribute(int Start, int Name, int NameLength, int Value, int ValueLength, int End);
}
