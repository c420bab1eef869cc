using AngleSharp.Html.Parser;
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
internal sealed class FeedContent(SiteOptions site)
{
    private readonly HtmlParser _parser = new();

    public string Html(string slug, string html, Model.HeroImage? image, FeedPicture? picture = null)
    {
        var articleUrl = site.Absolute(PagePaths.Article(slug));
        var document = _parser.ParseDocument("");
        var body = document.Body!;
        body.InnerHtml = html;

        foreach (var shown in body.QuerySelectorAll("picture").ToList())
        {
            // PictureMarkup's <img> names the 1,200-wide variant (or the widest below) in JPEG or PNG, with its size.
            if (shown.QuerySelector("img") is { } img)
            {
                foreach (var attribute in (string[])["srcset", "sizes", "loading", "decoding"])
                {
                    img.RemoveAttribute(attribute);
                }

                shown.Replace(img);
            }
            else
            {
                shown.Remove();
            }
        }

        foreach (var element in body.QuerySelectorAll("[href], [src]"))
        {
            foreach (var attribute in (string[])["href", "src"])
            {
                if (element.GetAttribute(attribute) is { } url && Absolute(url, articleUrl) is { } absolute)
                {
                    element.SetAttribute(attribute, absolute);
                }
            }
        }

        if (image?.Src is { } src)
        {
            var figure = document.CreateElement("figure");
            var img = document.CreateElement("img");
            img.SetAttribute("src", site.Absolute(picture?.Url ?? src));
            if (picture is not null)
            {
                img.SetAttribute("width", picture.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                img.SetAttribute("height", picture.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            img.SetAttribute("alt", image.Alt ?? "");
            figure.AppendChild(img);
            var caption = string.Join(" ", new[] { image.Caption, image.Credit is null ? null : $"({image.Credit})" }.OfType<string>());
            if (caption.Length > 0)
            {
                var figcaption = document.CreateElement("figcaption");
                figcaption.TextContent = caption;
                figure.AppendChild(figcaption);
            }

            body.Prepend(figure);
        }

        return body.InnerHtml;
    }

    // Site-relative paths get the configured base; "#fn-1" style links point into the article's page.
    private string? Absolute(string url, string articleUrl) =>
        url.StartsWith('#') ? articleUrl + url
        : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? site.Absolute(url)
        : null;
}
