using NewsFeed.Web.Data;
using NewsFeed.Web.Images;
using NewsFeed.Web.Model;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// The article metadata fields shared by Markdown front matter and text-page sidecars, each validated
/// on its own and named in its problem.
/// </summary>
internal sealed record ArticleFields
{
    public string? Slug { get; init; }
    public int SlugLine { get; init; }
    public string? Dek { get; init; }
    public DateTime? Published { get; init; }
    public DateTime? Updated { get; init; }
    public string? AuthorSlug { get; init; }
    public int AuthorLine { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public HeroImage? Image { get; init; }
    public int ImageLine { get; init; }
    public IReadOnlyList<RelatedSeed> Related { get; init; } = [];
    public IReadOnlyList<CorrectionSeed> Corrections { get; init; } = [];
    public bool Draft { get; init; }

    /// <summary><c>lang:</c> as an edition's code (<c>uk</c>), or null for the site's default language.</summary>
    public string? Language { get; init; }

    public int LanguageLine { get; init; }

    /// <summary><c>translation_of:</c> the slug of the article this one translates.</summary>
    public string? TranslationOf { get; init; }

    public int TranslationLine { get; init; }

    public static ArticleFields Read(FrontMatter fields, SeedContext context)
    {
        var problems = context.Problems;
        var slug = fields.Text("slug", SeedLimits.SlugLength + 1);
        if (slug is not null && !Seeding.Slug.IsValid(slug))
        {
            // A Cyrillic (or capitalised, or spaced) slug is usually meant: offer it spelt as a URL can carry it.
            var suggested = Seeding.Slug.From(slug);
            problems.Error(fields.LineOf("slug"), 1, suggested.Length > 0
                ? $"slug: '{slug}' is not a valid slug; use '{suggested}' (lower-case Latin letters, digits and single hyphens; Ukrainian is written in Latin by the national table)"
                : $"slug: '{slug}' is not a valid slug; use lower-case letters, digits and single hyphens (e.g. city-council-budget)");
            slug = null;
        }

        var published = fields.Date("published");
        var updated = fields.Date("updated");
        if (published is not null && updated < published)
        {
            problems.Warning(fields.LineOf("updated"), 1, "updated: is before published; it is ignored");
            updated = null;
        }

        var author = fields.Text("author", SeedLimits.SlugLength + 1);
        if (author is not null && !Seeding.Slug.IsValid(author))
        {
            problems.Error(fields.LineOf("author"), 1, $"author: '{author}' is not an author slug (the file name of seeds/authors/<slug>.md)");
            author = null;
        }

        var translationOf = fields.Text("translation_of", SeedLimits.SlugLength + 1);
        if (translationOf is not null && !Seeding.Slug.IsValid(translationOf))
        {
            problems.Error(fields.LineOf("translation_of"), 1, $"translation_of: '{translationOf}' is not an article slug; name the original's slug (the one in its URL, /articles/<slug>)");
            translationOf = null;
        }

        return new ArticleFields
        {
            Slug = slug,
            SlugLine = fields.LineOf("slug"),
            Dek = fields.Text("dek", SeedLimits.DekLength),
            Published = published,
            Updated = updated,
            AuthorSlug = author,
            AuthorLine = fields.LineOf("author"),
            Section = ReadSection(fields, problems),
            Tags = ReadTags(fields, problems),
            Image = ReadImage(fields, context),
            ImageLine = fields.LineOf("image"),
            Related = ReadRelated(fields, problems),
            Corrections = ReadCorrections(fields, problems, published),
            Draft = fields.Bool("draft") ?? false,
            Language = ReadLanguage(fields, problems),
            LanguageLine = fields.LineOf("lang"),
            TranslationOf = translationOf,
            TranslationLine = fields.LineOf("translation_of"),
        };
    }

    /// <summary>
    /// <c>lang:</c> by its primary subtag in any case (<c>uk</c>, <c>UK</c>, <c>uk-UA</c>). A language the site's chrome
    /// is not written in is an error: the article would be listed in no edition, under chrome of another language.
    /// </summary>
    private static string? ReadLanguage(FrontMatter fields, ProblemSink problems)
    {
        var lang = fields.Text("lang", 35);
        if (lang is null)
        {
            return null;
        }

        if (Site.Editions.IsKnown(lang))
        {
            return Site.Editions.CodeOf(lang);
        }

        problems.Error(fields.LineOf("lang"), 1, $"lang: '{lang}' is not a language of this site; use one of {Site.Editions.KnownCodes} (or leave it out for the site's own)");
        return null;
    }

    private static List<string> ReadTags(FrontMatter fields, ProblemSink problems)
    {
        var tags = new List<string>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tag, line) in fields.List("tags", SeedLimits.NameLength))
        {
            var slug = Seeding.Slug.From(tag);
            if (slug.Length == 0)
            {
                problems.Warning(line, 1, $"tags: '{tag}' has no letters or digits a URL can use; it is ignored");
            }
            else if (!slugs.Add(slug))
            {
                problems.Warning(line, 1, $"tags: '{tag}' is listed twice");
            }
            else if (tags.Count == SeedLimits.TagCount)
            {
                problems.Warning(line, 1, $"tags: more than {SeedLimits.TagCount} tags; '{tag}' and the rest are ignored");
                break;
            }
            else
            {
                tags.Add(tag);
            }
        }

        return tags;
    }

    private static string? ReadSection(FrontMatter fields, ProblemSink problems)
    {
        var section = fields.Text("section", SeedLimits.NameLength);
        if (section is not null && Seeding.Slug.From(section).Length == 0)
        {
            problems.Warning(fields.LineOf("section"), 1, $"section: '{section}' has no letters or digits a URL can use; the article is shown without a section");
            return null;
        }

        return section;
    }

    private static HeroImage? ReadImage(FrontMatter fields, SeedContext context)
    {
        var image = fields.Map("image");
        if (image is null)
        {
            return null;
        }

        var srcLine = image.LineOf("src");
        var src = image.Text("src", SeedLimits.UrlLength);
        var alt = image.Text("alt", SeedLimits.DekLength);
        var caption = image.Text("caption", SeedLimits.DekLength);
        var credit = image.Text("credit", SeedLimits.HeadlineLength);
        image.WarnUnknown("image");

        string? url = null;
        if (src is not null)
        {
            url = UrlPolicy.Image(src);
            if (url is null)
            {
                context.Problems.Error(srcLine, 1, $"image.src: '{src}' is not allowed; use a path under images/ or an http(s) URL");
            }
            else if (!context.MediaExists(url))
            {
                context.Problems.Warning(srcLine, 1, $"image.src: '{src}' does not exist in the seeds folder; a placeholder is shown");
                url = null;
            }
            else if (context.Images?.Find(url) is { } facts)
            {
                url = CheckPicture(context.Problems, srcLine, src, url, facts);
            }
        }

        if (alt is not null && IsFileName(alt, src))
        {
            context.Problems.Warning(image.LineOf("alt"), 1, $"image.alt: '{alt}' is a file name; say what the picture shows, for readers who cannot see it");
        }


        return new HeroImage { Src = url, Alt = alt, Caption = caption, Credit = credit };
    }

    /// <summary>A local picture's own problems: one that cannot be shown is left out (the article keeps its caption and credit).</summary>
    private static string? CheckPicture(ProblemSink problems, int line, string src, string url, ImageFacts facts)
    {
        if (facts.Problem is { } problem)
        {
            problems.Warning(line, 1, $"image.src: '{src}' {problem}; the article is shown without its picture");
            return null;
        }

        if (facts.Note is { } note)
        {
            problems.Warning(line, 1, $"image.src: '{src}' {note}");
        }

        if (!facts.IsVector && facts.Width < 1200)
        {
            problems.Warning(line, 1, $"image.src: '{src}' is {facts.Width} pixels wide; Google Discover shows large previews only of pictures at least 1,200 wide");
        }

        return url;
    }

    /// <summary>Alt text that is only a file name ("IMG_2041.jpg", or the picture's own name) says nothing.</summary>
    private static bool IsFileName(string alt, string? src) =>
        ImageProcessor.IsImageName(alt.Trim()) && !alt.Trim().Contains(' ', StringComparison.Ordinal)
        || (src is not null && string.Equals(alt.Trim(), Path.GetFileNameWithoutExtension(src), StringComparison.OrdinalIgnoreCase));

    private static List<RelatedSeed> ReadRelated(FrontMatter fields, ProblemSink problems)
    {
        var related = new List<RelatedSeed>();
        foreach (var item in fields.Items("related"))
        {
            if (related.Count == SeedLimits.RelatedCount)
            {
                problems.Warning(item.Line, item.Column, $"related: more than {SeedLimits.RelatedCount} entries; the rest are ignored");
                break;
            }

            if (item.Value is { } value)
            {
                var slug = value.Trim();
                if (Seeding.Slug.IsValid(slug))
                {
                    related.Add(new RelatedSeed(slug, null, null, null, item.Line));
                }
                else
                {
                    problems.Error(item.Line, item.Column, $"{item.Name}: '{slug}' is not an article slug; for another site write url:, title: and excerpt:");
                }

                continue;
            }

            if (item.Fields is not { } entry)
            {
                continue;
            }

            var itemSlug = entry.Text("slug", SeedLimits.SlugLength + 1);
            var url = entry.Text("url", SeedLimits.UrlLength);
            var title = entry.Text("title", SeedLimits.HeadlineLength);
            var excerpt = entry.Text("excerpt", SeedLimits.DekLength);
            entry.WarnUnknown("related");

            if (itemSlug is not null)
            {
                if (!Seeding.Slug.IsValid(itemSlug))
                {
                    problems.Error(item.Line, item.Column, $"{item.Name}.slug: '{itemSlug}' is not an article slug");
                    continue;
                }

                related.Add(new RelatedSeed(itemSlug, null, title, excerpt, item.Line));
            }
            else if (url is not null)
            {
                var allowed = UrlPolicy.Link(url);
                if (allowed is null || !(UrlPolicy.IsExternal(allowed) || allowed.StartsWith('/')))
                {
                    problems.Error(item.Line, item.Column, $"{item.Name}.url: '{url}' is not allowed; use an http(s) URL or a path on this site");
                    continue;
                }

                if (title is null)
                {
                    problems.Error(item.Line, item.Column, $"{item.Name}.title: a link to a URL needs a title");
                    continue;
                }

                related.Add(new RelatedSeed(null, allowed, title, excerpt, item.Line));
            }
            else
            {
                problems.Error(item.Line, item.Column, $"{item.Name}: each entry needs a slug, or a url with a title");
            }
        }

        return related;
    }

    /// <summary>
    /// <c>corrections:</c>, a list of <c>date:</c>, <c>kind:</c> (correction, clarification or update; correction when
    /// left out) and <c>text:</c>. A broken entry is an error: an article must not go out without the correction it owes.
    /// </summary>
    private static List<CorrectionSeed> ReadCorrections(FrontMatter fields, ProblemSink problems, DateTime? published)
    {
        var corrections = new List<CorrectionSeed>();
        foreach (var item in fields.Items("corrections"))
        {
            if (item.Fields is not { } entry)
            {
                problems.Error(item.Line, item.Column, $"{item.Name}: expected date:, kind: and text: on the lines below it");
                continue;
            }

            var date = entry.Date("date");
            var kindText = entry.Text("kind", SeedLimits.NameLength);
            var text = entry.Text("text", SeedLimits.DekLength);
            entry.WarnUnknown(item.Name);
            CorrectionKind? kind = kindText?.Trim().ToLowerInvariant() switch
            {
                null or "correction" => CorrectionKind.Correction,
                "clarification" => CorrectionKind.Clarification,
                "update" => CorrectionKind.Update,
                _ => null,
            };

            if (kind is null)
            {
                problems.Error(entry.LineOf("kind"), 1, $"{item.Name}.kind: '{kindText}' is not a kind; write correction, clarification or update");
            }

            if (!entry.Has("date"))
            {
                problems.Error(item.Line, item.Column, $"{item.Name}.date: missing; say when the article was corrected (YYYY-MM-DD)");
            }

            if (text is null || VisibleText.IsBlank(text))
            {
                problems.Error(text is null ? item.Line : entry.LineOf("text"), text is null ? item.Column : 1,
                    $"{item.Name}.text: missing; say what was wrong and what is right");
            }

            // Each broken part has its error (an unreadable date, from Date).
            if (date is null || kind is null || text is null || VisibleText.IsBlank(text))
            {
                continue;
            }

            if (date < published)
            {
                problems.Warning(entry.LineOf("date"), 1, $"{item.Name}.date: is before published; a correction follows publication");
            }

            if (corrections.Count == SeedLimits.CorrectionCount)
            {
                problems.Error(item.Line, item.Column, $"corrections: more than {SeedLimits.CorrectionCount} entries; keep the ones readers need");
                break;
            }

            corrections.Add(new CorrectionSeed(date.Value, kind.Value, text.Trim(), item.Line));
        }

        return corrections;
    }
}
