using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NewsFeed.Web.Pages.Articles;

namespace NewsFeed.Web.Site;

/// <summary>
/// schema.org NewsArticle for an article page. The JSON is written with an encoder that escapes
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no field value can close the script element it sits in.
/// </summary>
public static class NewsArticleJsonLd
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public static string Serialize(DetailsModel.ArticleView article, SiteOptions site, string canonicalUrl)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Headline,
            ["description"] = article.Dek ?? article.Excerpt,
            ["datePublished"] = WithOffset(article.PublishedUtc),
            ["dateModified"] = WithOffset(article.UpdatedUtc ?? article.PublishedUtc),
            ["mainEntityOfPage"] = new Dictionary<string, object?> { ["@type"] = "WebPage", ["@id"] = canonicalUrl },
            // The site's own tag (en-GB) for its language; another edition's code (uk) as it is.
            ["inLanguage"] = article.Language.Length == 0 || article.Language == Editions.CodeOf(site.Language) ? site.Language : article.Language,
            ["publisher"] = new Dictionary<string, object?>
            {
                ["@type"] = "Organization",
                ["name"] = site.Name,
                ["url"] = site.Absolute("/"),
                ["logo"] = new Dictionary<string, object?> { ["@type"] = "ImageObject", ["url"] = site.Absolute(site.Logo) },
            },
        };

        if (article.Image?.Src is { } src)
        {
            data["image"] = new[] { site.Absolute(src) };
        }

        if (article.Author is { } author)
        {
            var person = new Dictionary<string, object?>
            {
                ["@type"] = "Person",
                ["name"] = author.Name,
                ["url"] = site.Absolute($"/authors/{author.Slug}"),
            };
            if (author.JobTitle is not null)
            {
                person["jobTitle"] = author.JobTitle;
            }

            data["author"] = new[] { person };
        }

        if (article.Section is not null)
        {
            data["articleSection"] = article.Section.Name;
        }

        if (article.Tags.Count > 0)
        {
            data["keywords"] = article.Tags.Select(t => t.Name).ToArray();
        }

        if (article.Corrections is { Count: > 0 } corrections)
        {
            // schema.org's correction: what changed and when, as the page's corrections block says it.
            data["correction"] = corrections.Select(c => new Dictionary<string, object?>
            {
                ["@type"] = "CorrectionComment",
                ["text"] = $"{c.Label}: {c.Text}",
                ["datePublished"] = WithOffset(c.DateUtc),
            }).ToArray();
        }

        return JsonSerializer.Serialize(data, Options);
    }

    /// <summary>ISO 8601 with an explicit offset, as schema.org consumers expect.</summary>
    public static string WithOffset(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
