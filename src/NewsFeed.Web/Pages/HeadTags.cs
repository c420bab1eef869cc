using Microsoft.AspNetCore.Html;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Pages;

/// <summary>
/// Tags of a page's head that every kind of page writes, as strings rather than partials: a partial's look-up and
/// tag helper cost more than the two lines it wrote (bench/README.md, "Profile").
/// </summary>
public static class HeadTags
{
    /// <summary>One description, said the same way to search engines and to link previews.</summary>
    public static IHtmlContent Description(string text) => new HtmlString(DescriptionMarkup(text));

    /// <summary><see cref="Description"/> for markup written ahead (<see cref="Articles.ArticleMarkup"/>).</summary>
    public static string DescriptionMarkup(string text)
    {
        var content = SiteHtml.Encoder.Encode(text);
        return $"<meta name=\"description\" content=\"{content}\">\n<meta property=\"og:description\" content=\"{content}\">\n";
    }

    /// <summary>A paged listing's neighbours, for crawlers.</summary>
    public static IHtmlContent PagerLinks(Pager pager) => new HtmlString(
        (pager.PreviousUrl is { } previous ? $"<link rel=\"prev\" href=\"{SiteHtml.Encoder.Encode(previous)}\">\n" : "")
        + (pager.NextUrl is { } next ? $"<link rel=\"next\" href=\"{SiteHtml.Encoder.Encode(next)}\">\n" : ""));
}
