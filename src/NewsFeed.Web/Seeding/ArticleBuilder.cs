using NewsFeed.Web.Model;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// The steps every format shares once its parts are known: slug, dates, excerpt, reading time.
/// Word count is the body's; reading time counts every word the article page shows from this seed
/// (headline, dek, caption and credit, body, related teasers, author block), as the captured
/// pages' own "N min read" did.
/// </summary>
internal static class ArticleBuilder
{
    private const int ExcerptLength = 280;

    public static ArticleSeed? Build(
        string headline, int headlineLine, ArticleFields meta, SourceFormat format, RenderedBody body, int bodyLine,
        string pageExtras, DateTime lastWriteUtc, AuthorSeed? inlineAuthor, SeedContext context)
    {
        var slug = meta.Slug ?? Slug.From(headline);
        var slugLine = meta.Slug is null ? headlineLine : meta.SlugLine;
        if (slug.Length == 0)
        {
            slug = Slug.From(Path.GetFileNameWithoutExtension(context.Path));
            if (slug.Length == 0)
            {
                context.Problems.Error(headlineLine, 1, "slug: cannot be derived from the headline or file name; add a slug: field");
                return null;
            }
        }

        var published = meta.Published;
        if (published is null)
        {
            published = lastWriteUtc;
            context.Problems.Warning(0, 0, $"published: no date given; using the file's last-write time ({lastWriteUtc:yyyy-MM-dd HH:mm} UTC)");
        }

        // Checked here, after a text page's own alt text has been merged with its sidecar's image.
        if (meta.Image is { Src: not null, Alt: null })
        {
            context.Problems.Warning(meta.ImageLine, 1, "image.alt: missing; describe the image for readers who cannot see it");
        }

        if (meta.Image is { Src: not null, Credit: null })
        {
            context.Problems.Warning(meta.ImageLine, 1, "image.credit: missing; say who took or made the picture");
        }

        var words = ReadingTime.CountWords(body.PlainText);
        var pageWords = words + ReadingTime.CountWords(string.Join('\n',
            headline, meta.Dek, meta.Image?.Caption, meta.Image?.Credit, pageExtras,
            string.Join('\n', meta.Related.Select(r => $"{r.Title}\n{r.Excerpt}"))));
        return new ArticleSeed
        {
            Slug = slug,
            SlugLine = slugLine,
            Headline = headline,
            Dek = meta.Dek,
            Excerpt = meta.Dek ?? Shorten(body.FirstParagraph ?? ""),
            PublishedUtc = published.Value,
            // A correction updates the article: its date counts as the last change when it is later than updated:
            // (and an article corrected on its first day was updated then, not before it was published).
            UpdatedUtc = meta.Corrections.Count == 0 ? meta.Updated : meta.Corrections.Select(c => c.DateUtc).Append(meta.Updated ?? published.Value).Max(),
            IsDraft = meta.Draft,
            Section = meta.Section,
            Tags = meta.Tags,
            Image = meta.Image,
            Format = format,
            Html = body.Html,
            BodyText = body.PlainText,
            BodyLine = bodyLine,
            WordCount = words,
            ReadingMinutes = ReadingTime.Minutes(pageWords),
            Related = meta.Related,
            Corrections = [.. meta.Corrections.OrderBy(c => c.DateUtc)],
            AuthorSlug = meta.AuthorSlug ?? inlineAuthor?.Slug,
            AuthorLine = meta.AuthorLine,
            Language = meta.Language,
            LanguageLine = meta.LanguageLine,
            TranslationOf = meta.TranslationOf,
            TranslationLine = meta.TranslationLine,
            InlineAuthor = inlineAuthor,
        };
    }

    /// <summary>Cuts a paragraph at a word boundary for teasers.</summary>
    public static string Shorten(string text)
    {
        text = text.Trim();
        if (text.Length <= ExcerptLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', ExcerptLength);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : ExcerptLength), "…");
    }

}
