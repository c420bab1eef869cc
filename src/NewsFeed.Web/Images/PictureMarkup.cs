using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NewsFeed.Web.Images;

/// <summary>
/// The <c>&lt;picture&gt;</c> of a picture from the pipeline: AVIF and WebP sources and a JPEG or PNG fallback, each
/// at every width the picture has, with <c>sizes</c> so a phone fetches a phone's width; real <c>width</c> and
/// <c>height</c> (no layout shift). Written as one string, not a partial: a listing shows twenty of them.
/// </summary>
public static class PictureMarkup
{
    /// <summary>How a picture loads: the largest one of the first screen (an article's hero, a listing's first card) at once and first.</summary>
    public enum Loading
    {
        Lazy,
        First,
    }

    /// <summary>The <c>sizes</c> of a picture as wide as the article's column (its hero and its body's pictures).</summary>
    public const string ArticleColumn = "(min-width: 44rem) 42rem, 100vw";

    /// <param name="facts">The picture as the catalog knows it.</param>
    /// <param name="alt">Its alt text (empty for a decorative picture).</param>
    /// <param name="sizes">How wide it shows, for the browser's choice among the widths.</param>
    /// <param name="loading">Lazily, or first.</param>
    /// <param name="cssClass">The image's class; none when empty (a body's pictures are styled by where they are).</param>
    /// <param name="maxWidth">The widest variant offered.</param>
    /// <param name="title">A title the Markdown gave the picture.</param>
    public static IHtmlContent Picture(ImageFacts facts, string alt, string sizes, Loading loading, string cssClass, int maxWidth = 1600, string? title = null) =>
        new HtmlString(Markup(facts, alt, sizes, loading, cssClass, maxWidth, title));

    /// <summary><see cref="Picture"/> as a string, for markup written ahead (<see cref="Pages.Articles.ArticleMarkup"/>).</summary>
    public static string Markup(ImageFacts facts, string alt, string sizes, Loading loading, string cssClass, int maxWidth = 1600, string? title = null)
    {
        var widths = facts.VariantWidths.Where(w => w <= maxWidth).DefaultIfEmpty(facts.VariantWidths[0]).ToList();
        var main = facts.WidthFor(Math.Min(maxWidth, 1200));
        var html = new StringBuilder(1024);
        html.Append("<picture>");
        foreach (var format in ImageUrls.Modern)
        {
            html.Append("<source type=\"").Append(ImageUrls.ContentType(format)).Append("\" srcset=\"");
            SrcSet(html, facts, widths, format);
            html.Append("\" sizes=\"").Append(HtmlEncoder.Default.Encode(sizes)).Append("\">");
        }

        html.Append("<img");
        if (cssClass.Length > 0)
        {
            html.Append(" class=\"").Append(HtmlEncoder.Default.Encode(cssClass)).Append('"');
        }

        html.Append(" src=\"").Append(facts.Url(main, facts.Fallback)).Append("\" srcset=\"");
        SrcSet(html, facts, widths, facts.Fallback);
        html.Append("\" sizes=\"").Append(HtmlEncoder.Default.Encode(sizes))
            .Append("\" width=\"").Append(main.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(facts.HeightAt(main).ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(HtmlEncoder.Default.Encode(alt)).Append('"')
            .Append(title is null ? "" : $" title=\"{HtmlEncoder.Default.Encode(title)}\"")
            .Append(loading == Loading.First ? " loading=\"eager\" fetchpriority=\"high\"" : " loading=\"lazy\"")
            .Append(" decoding=\"async\"></picture>");
        return html.ToString();
    }

    /// <summary>
    /// An author's avatar, <paramref name="size"/> pixels square: their picture, an external one as it is, or their initials.
    /// The name is always printed beside it, so the image itself carries no alt text (it would be read twice).
    /// </summary>
    public static string Avatar(ImageCatalog? images, string name, string? src, int size)
    {
        var px = size.ToString(CultureInfo.InvariantCulture);
        if (images?.Find(src) is { IsUsable: true } picture)
        {
            return Markup(picture, "", $"{px}px", Loading.Lazy, $"avatar avatar-{px}", maxWidth: 480);
        }

        if (src is not null && !src.StartsWith(Rendering.UrlPolicy.MediaPrefix, StringComparison.Ordinal))
        {
            return $"<img class=\"avatar avatar-{px}\" src=\"{Site.SiteHtml.Encoder.Encode(src)}\" alt=\"\" width=\"{px}\" height=\"{px}\" loading=\"lazy\" decoding=\"async\">";
        }

        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
        return $"<span class=\"avatar avatar-{px} avatar-initials\" aria-hidden=\"true\">{Site.SiteHtml.Encoder.Encode(initials)}</span>";
    }

    /// <summary>
    /// A body's picture that cannot be shown (no such file, or one that cannot be read): what it shows, in words, as a
    /// hero without its picture does, instead of a broken image. Nothing, when it had no alt text.
    /// </summary>
    public static IHtmlContent Missing(string alt) => alt.Trim().Length == 0
        ? HtmlString.Empty
        : new HtmlString($"<span class=\"picture-missing\"><span class=\"visually-hidden\">Picture: </span>{HtmlEncoder.Default.Encode(alt)}</span>");

    /// <summary>The classes <see cref="Missing"/> writes: the only ones an article body keeps (the sanitizer drops any other).</summary>
    public static readonly IReadOnlyList<string> BodyClasses = ["picture-missing", "visually-hidden"];

    private static void SrcSet(StringBuilder html, ImageFacts facts, List<int> widths, string format)
    {
        for (var i = 0; i < widths.Count; i++)
        {
            html.Append(i == 0 ? "" : ", ").Append(facts.Url(widths[i], format)).Append(' ')
                .Append(widths[i].ToString(CultureInfo.InvariantCulture)).Append('w');
        }
    }
}
