using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using NewsFeed.Web.Images;
using NewsFeed.Web.Model;
using NewsFeed.Web.Pages.Articles;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>An article as a feed item shows it, when the item is made (at import).</summary>
internal sealed record FeedArticle(
    string Slug, string Headline, string Excerpt, string Html, DateTime PublishedUtc, DateTime? UpdatedUtc, HeroImage? Image,
    string? AuthorSlug, string? AuthorName, IReadOnlyList<string> Tags, FeedPicture? Picture = null)
{
    /// <summary>The picture a feed names: its large variant when it is ours, else the image as the seed gives it.</summary>
    public string? ImageUrl(SiteOptions site) => Picture is { } picture ? site.Absolute(picture.Url) : Image?.Src is { } src ? site.Absolute(src) : null;

    public DateTime ModifiedUtc => UpdatedUtc ?? PublishedUtc;

    /// <summary>The article as its items show it: its body with absolute URLs (<see cref="FeedContent"/>), its picture's large variant.</summary>
    public static FeedArticle Of(
        FeedContent feed, ImageCatalog? images, string slug, string headline, string excerpt, string html, DateTime publishedUtc, DateTime? updatedUtc,
        HeroImage? image, string? authorSlug, string? authorName, IReadOnlyList<string> tags, IReadOnlyList<DetailsModel.CorrectionView> corrections)
    {
        var picture = FeedPicture.Of(images?.Find(image?.Src));
        return new(slug, headline, excerpt, feed.Html(slug, html, image, picture) + CorrectionsHtml(corrections), publishedUtc, updatedUtc, image,
            authorSlug, authorName, tags, picture);
    }

    /// <summary>The corrections after the body, as the article page shows them: a feed reader shows what changed too.</summary>
    private static string CorrectionsHtml(IReadOnlyList<DetailsModel.CorrectionView> corrections)
    {
        if (corrections.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<aside class=\"corrections\"><h2>Corrections</h2><ul>");
        foreach (var c in corrections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{c.Label}</strong>, <time datetime=\"{c.DateUtc:yyyy-MM-dd}\">{c.DateUtc.ToString(TimeTagHelper.DateFormat, CultureInfo.InvariantCulture)}</time>: ")
                .Append(HtmlEncoder.Default.Encode(c.Text)).Append("</li>");
        }

        return html.Append("</ul></aside>").ToString();
    }
}

/// <summary>
/// Each article's RSS <c>&lt;item&gt;</c> and JSON Feed item, made once when the article (or its author) changes and
/// stored with it (<see cref="Data.ArticleViews"/>): a feed request writes its channel and then 50 stored items as
/// they are, with no HTML parsed and no body escaped per request.
/// </summary>
internal static class FeedItems
{
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    public const string MediaNs = "http://search.yahoo.com/mrss/";

    private static readonly XmlWriterSettings Fragment = new() { ConformanceLevel = ConformanceLevel.Fragment, OmitXmlDeclaration = true };

    /// <summary>The item's XML, its prefixes (dc, content, media) bound by the <c>rss</c> element it goes into (<see cref="Rss"/>).</summary>
    public static byte[] Rss(FeedArticle article, SiteOptions site)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, Fragment))
        {
            // Written inside an element that binds the prefixes, so the item itself declares none; only the item is kept.
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("xmlns", "dc", null, DcNs);
            writer.WriteAttributeString("xmlns", "content", null, ContentNs);
            writer.WriteAttributeString("xmlns", "media", null, MediaNs);
            writer.WriteString("");
            writer.Flush();
            var start = text.Length;
            WriteItem(writer, article, site);
            writer.Flush();
            return Encoding.UTF8.GetBytes(text.ToString(start, text.Length - start));
        }
    }

    /// <summary>The item's JSON (JSON Feed 1.1, snake_case), as UTF-8.</summary>
    public static byte[] Json(FeedArticle article, SiteOptions site)
    {
        var url = site.Absolute(PagePaths.Article(article.Slug));
        var item = new JsonFeedItem(
            url, url, article.Headline, article.Excerpt, article.Html,
            article.ImageUrl(site),
            FeedFormat.Utc(article.PublishedUtc), FeedFormat.Utc(article.ModifiedUtc),
            article.AuthorSlug is null || article.AuthorName is null ? null : [new JsonFeedAuthor(article.AuthorName, site.Absolute(PagePaths.Author(article.AuthorSlug)))],
            article.Tags);
        return JsonSerializer.SerializeToUtf8Bytes(item, JsonFeedContext.Feed.JsonFeedItem);
    }

    private static void WriteItem(XmlWriter writer, FeedArticle article, SiteOptions site)
    {
        var url = site.Absolute(PagePaths.Article(article.Slug));
        writer.WriteStartElement("item");
        writer.WriteElementString("title", FeedFormat.XmlText(article.Headline));
        writer.WriteElementString("link", url);
        writer.WriteStartElement("guid");
        writer.WriteAttributeString("isPermaLink", "true");
        writer.WriteString(url);
        writer.WriteEndElement();
        writer.WriteElementString("pubDate", FeedFormat.Rfc822(article.PublishedUtc));
        if (article.AuthorName is not null)
        {
            writer.WriteElementString("dc", "creator", DcNs, FeedFormat.XmlText(article.AuthorName));
        }

        foreach (var tag in article.Tags)
        {
            writer.WriteElementString("category", FeedFormat.XmlText(tag));
        }

        writer.WriteElementString("description", FeedFormat.XmlText(article.Excerpt));
        writer.WriteElementString("content", "encoded", ContentNs, FeedFormat.XmlText(article.Html));
        if (article.ImageUrl(site) is { } image)
        {
            writer.WriteStartElement("media", "content", MediaNs);
            writer.WriteAttributeString("url", image);
            writer.WriteAttributeString("medium", "image");
            if (article.Picture is { } picture)
            {
                writer.WriteAttributeString("type", ImageUrls.ContentType(picture.Format));
                writer.WriteAttributeString("width", picture.Width.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("height", picture.Height.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}

/// <summary>A picture as feeds name it: its 1,200-wide variant (or the widest below) in the fallback format, with its size.</summary>
internal sealed record FeedPicture(string Url, string Format, int Width, int Height)
{
    public static FeedPicture? Of(ImageFacts? facts) =>
        facts is { IsUsable: true } usable && usable.WidthFor(1200) is var width
            ? new FeedPicture(usable.Url(width, usable.Fallback), usable.Fallback, width, usable.HeightAt(width))
            : null;
}
