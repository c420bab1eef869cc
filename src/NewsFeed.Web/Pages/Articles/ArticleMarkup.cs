using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Images;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Pages.Articles;

/// <summary>
/// The parts of an article page that depend on its content alone, written once when the content changes
/// (<see cref="Data.ArticleViews"/>) and stored with its view, so a request only joins them with what depends on the
/// moment and the reader: who may see it, its translations' links, "Read more", preview's banners.
/// </summary>
/// <param name="Head">Inside <c>&lt;head&gt;</c>: description, Open Graph and Twitter tags, the NewsArticle data.</param>
/// <param name="Top">The story's header up to its byline: section, headline, dek, byline.</param>
/// <param name="Figure">The hero figure, or nothing.</param>
/// <param name="End">After the body: corrections, tags, author card.</param>
public sealed record ArticleParts(string Head, string Top, string Figure, string End);

/// <summary>
/// Writes <see cref="ArticleParts"/> in the article's language (its edition's culture), as the page's Razor did per
/// request: by hand, with the encoder Razor uses here, because these were two thirds of an uncached article page's
/// view time (a <c>&lt;partial&gt;</c> and a tag helper each) for markup that only changes with the content.
/// </summary>
public static class ArticleMarkup
{
    public static ArticleParts Write(DetailsModel.ArticleView article, SiteOptions site, Edition edition, ImageCatalog? images)
    {
        var (cultureWas, uiCultureWas) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = edition.Culture;
        CultureInfo.CurrentUICulture = edition.Culture;
        try
        {
            var text = SiteText.Words;
            var hero = images?.Find(article.Image?.Src) is { IsUsable: true } found ? found : null;
            return new ArticleParts(Head(article, site, hero), Top(article, text), Figure(article, text, hero), End(article, text, images));
        }
        finally
        {
            CultureInfo.CurrentCulture = cultureWas;
            CultureInfo.CurrentUICulture = uiCultureWas;
        }
    }

    private static string Head(DetailsModel.ArticleView article, SiteOptions site, ImageFacts? hero)
    {
        var html = new Html();
        var description = article.Dek ?? article.Excerpt;
        html.Raw(HeadTags.DescriptionMarkup(description))
            .Meta("property", "og:type", "article")
            .Meta("property", "article:published_time", NewsArticleJsonLd.WithOffset(article.PublishedUtc))
            .Meta("property", "article:modified_time", NewsArticleJsonLd.WithOffset(article.UpdatedUtc ?? article.PublishedUtc));
        if (article.Section is not null)
        {
            html.Meta("property", "article:section", article.Section.Name);
        }

        foreach (var tag in article.Tags)
        {
            html.Meta("property", "article:tag", tag.Name);
        }

        if (article.Author is not null)
        {
            html.Meta("property", "article:author", site.Absolute(PagePaths.Author(article.Author.Slug)));
        }

        // The 1,200-wide variant (Discover and social cards want large pictures), or an external picture as it is.
        var shareWidth = hero?.WidthFor(1200);
        var image = hero is not null ? site.Absolute(hero.Url(shareWidth!.Value, hero.Fallback))
            : article.Image?.Src is { } src && !src.StartsWith(UrlPolicy.MediaPrefix, StringComparison.Ordinal) ? site.Absolute(src) : null;
        if (image is not null)
        {
            html.Meta("property", "og:image", image);
            if (hero is not null)
            {
                html.Meta("property", "og:image:width", shareWidth!.Value.ToString(CultureInfo.InvariantCulture))
                    .Meta("property", "og:image:height", hero.HeightAt(shareWidth.Value).ToString(CultureInfo.InvariantCulture));
            }

            if (article.Image!.Alt is not null)
            {
                html.Meta("property", "og:image:alt", article.Image.Alt);
            }

            html.Meta("name", "twitter:card", "summary_large_image").Meta("name", "twitter:image", image);
        }
        else
        {
            html.Meta("name", "twitter:card", "summary");
        }

        html.Meta("name", "twitter:title", article.Headline).Meta("name", "twitter:description", description);
        // Made with every <, > and & escaped (NewsArticleJsonLd), so it cannot end this element early.
        var data = NewsArticleJsonLd.Serialize(article, site, site.Absolute(PagePaths.Article(article.Slug)));
        return html.Raw("<script type=\"application/ld+json\">").Raw(data).Raw("</script>\n").ToString();
    }

    private static string Top(DetailsModel.ArticleView article, IStringLocalizer<SiteText> text)
    {
        var html = new Html();
        if (article.Section is not null)
        {
            html.Raw("<p class=\"story-section\"><a href=\"").Text(PagePaths.Section(article.Section.Slug)).Raw("\">")
                .Text(article.Section.Name).Raw("</a></p>\n");
        }

        html.Raw("<h1 class=\"story-headline\">").Text(article.Headline).Raw("</h1>\n");
        if (article.Dek is not null)
        {
            html.Raw("<p class=\"story-dek\">").Text(article.Dek).Raw("</p>\n");
        }

        html.Raw("<div class=\"byline\">\n");
        if (article.Author is { } author)
        {
            html.Raw("<p class=\"byline-author\">").Text(text["Byline.By"]).Raw(" <a class=\"byline-name\" rel=\"author\" href=\"")
                .Text(PagePaths.Author(author.Slug)).Raw("\">").Text(author.Name).Raw("</a>");
            if (author.JobTitle is not null)
            {
                html.Raw(", <span class=\"byline-title\">").Text(author.JobTitle).Raw("</span>");
            }

            html.Raw("</p>\n");
        }

        var dateFormat = text["Date.Format"].Value;
        html.Raw("<p class=\"byline-meta\">").Time(article.PublishedUtc, dateFormat, "published");
        if (article.ShowUpdated)
        {
            html.Raw(" <span class=\"updated\">").Text(text["Byline.Updated"]).Raw(" ").Time(article.UpdatedUtc!.Value, dateFormat).Raw("</span>");
        }

        return html.Raw(" <span class=\"reading-time\">").Text(text["Card.ReadingTime", article.ReadingMinutes]).Raw("</span></p>\n</div>\n").ToString();
    }

    private static string Figure(DetailsModel.ArticleView article, IStringLocalizer<SiteText> text, ImageFacts? hero)
    {
        if (article.Image is not { } image)
        {
            return "";
        }

        var html = new Html();
        if (hero is not null)
        {
            // The largest paint of the page: fetched first, never lazily.
            html.Raw("<figure class=\"hero\">")
                .Raw(PictureMarkup.Markup(hero, image.Alt ?? "", PictureMarkup.ArticleColumn, PictureMarkup.Loading.First, "hero-image"));
        }
        else if (image.Src is not null)
        {
            // An external picture: its size is not known here.
            html.Raw("<figure class=\"hero\"><img class=\"hero-image\" src=\"").Text(image.Src).Raw("\" alt=\"").Text(image.Alt ?? "")
                .Raw("\" loading=\"eager\" fetchpriority=\"high\" decoding=\"async\">");
        }
        else
        {
            // No picture to show (the capture names none, or its file could not be read): what it showed, in words, with
            // its caption and credit, instead of an empty box.
            html.Raw("<figure class=\"hero hero-missing\">");
            if (image.Alt is not null)
            {
                html.Raw("<p class=\"hero-alt\"><span class=\"visually-hidden\">").Text(text["Figure.Picture"]).Raw(" </span>").Text(image.Alt).Raw("</p>");
            }
        }

        if (image.Caption is not null || image.Credit is not null)
        {
            html.Raw("\n<figcaption>");
            if (image.Caption is not null)
            {
                html.Raw("<span class=\"caption\">").Text(image.Caption).Raw("</span>");
            }

            if (image.Credit is not null)
            {
                html.Raw(image.Caption is null ? "" : " ").Raw("<span class=\"credit\">").Text(image.Credit).Raw("</span>");
            }

            html.Raw("</figcaption>");
        }

        return html.Raw("</figure>\n").ToString();
    }

    private static string End(DetailsModel.ArticleView article, IStringLocalizer<SiteText> text, ImageCatalog? images)
    {
        var html = new Html();
        if (article.Corrections is { Count: > 0 } corrections)
        {
            var dateFormat = text["Date.Format"].Value;
            html.Raw("<aside class=\"corrections\" aria-labelledby=\"corrections-heading\">\n<h2 id=\"corrections-heading\">")
                .Text(text["Article.Corrections"]).Raw("</h2>\n<ul>\n");
            foreach (var correction in corrections)
            {
                html.Raw("<li class=\"correction correction-").Text(correction.Kind.ToString().ToLowerInvariant()).Raw("\"><strong>")
                    .Text(text[DetailsModel.CorrectionView.LabelKey(correction.Kind)]).Raw("</strong>, ").Time(correction.DateUtc, dateFormat)
                    .Raw(": ").Text(correction.Text).Raw("</li>\n");
            }

            html.Raw("</ul>\n<p class=\"corrections-all\"><a href=\"/corrections\">").Text(text["Article.AllCorrections"]).Raw("</a></p>\n</aside>\n");
        }

        if (article.Tags.Count > 0)
        {
            html.Raw("<nav class=\"story-tags\" aria-label=\"").Text(text["Article.Tags"]).Raw("\">\n<ul>\n");
            foreach (var tag in article.Tags)
            {
                html.Raw("<li><a href=\"").Text(PagePaths.Tag(tag.Slug)).Raw("\" rel=\"tag\">").Text(tag.Name).Raw("</a></li>\n");
            }

            html.Raw("</ul>\n</nav>\n");
        }

        if (article.Author is { } author)
        {
            html.Raw("<section class=\"author-card\" aria-labelledby=\"author-card-name\">\n")
                .Raw(PictureMarkup.Avatar(images, author.Name, author.AvatarSrc, 72))
                .Raw("\n<div>\n<h2 id=\"author-card-name\" class=\"author-name\"><a href=\"").Text(PagePaths.Author(author.Slug)).Raw("\">")
                .Text(author.Name).Raw("</a></h2>\n");
            if (author.JobTitle is not null)
            {
                html.Raw("<p class=\"author-title\">").Text(author.JobTitle).Raw("</p>\n");
            }

            if (author.BioHtml is not null)
            {
                // Rendered and sanitized at import.
                html.Raw("<div class=\"author-bio\">").Raw(author.BioHtml).Raw("</div>\n");
            }

            html.Raw("</div>\n</section>\n");
        }

        return html.ToString();
    }

    /// <summary>Text goes through the encoder the site's pages use (<see cref="SiteHtml.Encoder"/>); markup as written.</summary>
    private sealed class Html
    {
        private readonly StringBuilder _html = new(1024);

        public Html Raw(string markup)
        {
            _html.Append(markup);
            return this;
        }

        public Html Text(string text)
        {
            _html.Append(SiteHtml.Encoder.Encode(text));
            return this;
        }

        public Html Meta(string kind, string name, string content) =>
            Raw("<meta ").Raw(kind).Raw("=\"").Text(name).Raw("\" content=\"").Text(content).Raw("\">\n");

        /// <summary>A date as <see cref="TimeTagHelper"/> writes it: the instant for machines, the words for readers.</summary>
        public Html Time(DateTime utc, string format, string? cssClass = null) =>
            Raw(cssClass is null ? "<time datetime=\"" : $"<time class=\"{cssClass}\" datetime=\"").Raw(TimeTagHelper.Machine(utc)).Raw("\">")
                .Text(TimeTagHelper.Words(utc, format)).Raw("</time>");

        public override string ToString() => _html.ToString();
    }
}
