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

    public static IHtmlContent Picture(ImageFacts facts, string alt, string sizes, Loading loading, string cssClass, int maxWidth = 1600)
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

        html.Append("<img class=\"").Append(HtmlEncoder.Default.Encode(cssClass))
            .Append("\" src=\"").Append(facts.Url(main, facts.Fallback)).Append("\" srcset=\"");
        SrcSet(html, facts, widths, facts.Fallback);
        html.Append("\" sizes=\"").Append(HtmlEncoder.Default.Encode(sizes))
            .Append("\" width=\"").Append(main.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(facts.HeightAt(main).ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(HtmlEncoder.Default.Encode(alt)).Append('"')
            .Append(loading == Loading.First ? " loading=\"eager\" fetchpriority=\"high\"" : " loading=\"lazy\"")
            .Append(" decoding=\"async\"></picture>");
        return new HtmlString(html.ToString());
    }

    private static void SrcSet(StringBuilder html, ImageFacts facts, List<int> widths, string format)
    {
        for (var i = 0; i < widths.Count; i++)
        {
            html.Append(i == 0 ? "" : ", ").Append(facts.Url(widths[i], format)).Append(' ')
                .Append(widths[i].ToString(CultureInfo.InvariantCulture)).Append('w');
        }
    }
}
