using System.Net;
using System.Text.RegularExpressions;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// The parts of a captured news page in plain text (see seeds/000_99d6145f34f68edb.txt): site label,
/// headline, "N min read", the headline again (the hero image's alt text), the caption with its credit in
/// trailing parentheses, body paragraphs one per line, related teasers (title, excerpt, "Article image"),
/// the author block ("Avatar", name, job title, bio, "Read more") and the closing page chrome.
/// </summary>
public sealed record TextPage
{
    public string? Headline { get; init; }
    public int HeadlineLine { get; init; }
    public int? StatedMinutes { get; init; }
    public string? ImageAlt { get; init; }
    public string? Caption { get; init; }
    public int CaptionLine { get; init; }
    public string? Credit { get; init; }
    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>The line of the first paragraph (0: none).</summary>
    public int BodyLine { get; init; }
    public IReadOnlyList<RelatedSeed> Teasers { get; init; } = [];
    public string? AuthorName { get; init; }
    public int AuthorLine { get; init; }
    public string? AuthorJobTitle { get; init; }
    public IReadOnlyList<string> AuthorBio { get; init; } = [];

    /// <summary>The parts the page did not have, in words an editor reads in the import report.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
}

public static partial class TextPageReader
{
    public const string SiteLabel = "News Feed";
    public const string ImageMarker = "Article image";
    public const string AvatarMarker = "Avatar";
    public const string ReadMore = "Read more";
    public const string ShowMore = "Show More";

    /// <summary>Splits a captured page into its parts. Chrome lines never become body text.</summary>
    public static TextPage Parse(string text, ProblemSink problems)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var missing = new List<string>();
        var end = lines.Length;

        // Closing chrome: "Read more" of the author block, then the site label and "Show More".
        while (end > 0 && (IsBlank(lines[end - 1]) || Trim(lines[end - 1]) is SiteLabel or ShowMore))
        {
            end--;
        }

        var i = SkipBlank(lines, 0, end);
        if (i < end && Trim(lines[i]) == SiteLabel)
        {
            i = SkipBlank(lines, i + 1, end);
        }

        string? headline = null;
        var headlineLine = 0;
        if (i < end && !IsChrome(lines[i]))
        {
            headline = Trim(lines[i]);
            headlineLine = i + 1;
            i = SkipBlank(lines, i + 1, end);
        }
        else
        {
            problems.Error(i < end ? i + 1 : 1, 1, "no headline: the page must start with it (after the 'News Feed' label)");
        }

        int? stated = null;
        if (i < end && ReadTimeLine().Match(Trim(lines[i])) is { Success: true } readTime)
        {
            stated = int.Parse(readTime.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            i++;
        }
        else
        {
            missing.Add("the 'N min read' line");
        }

        string? alt = null, caption = null, credit = null;
        var captionLine = 0;
        if (headline is not null && i < end && Trim(lines[i]) == headline)
        {
            alt = headline;
            i++;
            if (i < end && !IsBlank(lines[i]) && !IsChrome(lines[i]))
            {
                (caption, credit) = SplitCredit(Trim(lines[i]));
                captionLine = i + 1;
                i++;
                if (credit is null)
                {
                    missing.Add("the image credit (in parentheses at the end of the caption)");
                }
            }
            else
            {
                missing.Add("the image caption");
            }
        }
        else
        {
            missing.Add("the hero image (the headline repeated as its alt text, then the caption)");
        }

        // Author block: from the last "Avatar" line to "Read more".
        var bodyEnd = end;
        string? authorName = null, jobTitle = null;
        var authorLine = 0;
        var bio = new List<string>();
        var avatar = LastIndexOf(lines, AvatarMarker, i, end);
        if (avatar >= 0)
        {
            bodyEnd = avatar;
            var j = SkipBlank(lines, avatar + 1, end);
            authorLine = j + 1;
            var authorLines = new List<string>();
            for (; j < end && Trim(lines[j]) != ReadMore; j++)
            {
                if (!IsBlank(lines[j]))
                {
                    authorLines.Add(Trim(lines[j]));
                }
            }

            authorName = authorLines.ElementAtOrDefault(0);
            jobTitle = authorLines.ElementAtOrDefault(1);
            bio.AddRange(authorLines.Skip(2));
            if (authorName is null)
            {
                missing.Add("the author's name");
            }
            else if (jobTitle is null)
            {
                missing.Add("the author's job title");
            }
            else if (bio.Count == 0)
            {
                missing.Add("the author's bio");
            }
        }
        else
        {
            missing.Add("the author block ('Avatar', name, job title, bio)");
        }

        // Related teasers: two lines (title, excerpt) directly above each "Article image".
        var authorStart = bodyEnd;
        var teasers = new List<RelatedSeed>();
        var teaserLines = new HashSet<int>();
        for (var k = i; k < authorStart; k++)
        {
            if (Trim(lines[k]) != ImageMarker)
            {
                continue;
            }

            var hasExcerpt = k - 2 >= i && !IsBlank(lines[k - 1]) && !IsBlank(lines[k - 2]);
            var titleAt = hasExcerpt ? k - 2 : k - 1;
            if (titleAt < i || IsBlank(lines[titleAt]))
            {
                problems.Warning(k + 1, 1, "'Article image' without a teaser title above it; left out");
                continue;
            }

            teasers.Add(new RelatedSeed(null, null, Trim(lines[titleAt]), hasExcerpt ? Trim(lines[k - 1]) : null, titleAt + 1));
            teaserLines.UnionWith(Enumerable.Range(titleAt, k - titleAt + 1));
            bodyEnd = Math.Min(bodyEnd, titleAt);
        }

        // Teasers close the article: text between them and the author block is not body.
        for (var k = bodyEnd; k < authorStart; k++)
        {
            if (!teaserLines.Contains(k) && !IsBlank(lines[k]) && !IsChrome(lines[k]))
            {
                problems.Warning(k + 1, 1, "text after the related-article teasers is left out of the body");
            }
        }

        if (teasers.Count == 0)
        {
            missing.Add("a related-article teaser");
        }

        var paragraphs = new List<string>();
        var bodyLine = 0;
        for (var k = i; k < bodyEnd; k++)
        {
            if (IsBlank(lines[k]))
            {
                continue;
            }

            if (IsChrome(lines[k]))
            {
                problems.Warning(k + 1, 1, $"page chrome '{Trim(lines[k])}' left out of the body");
                continue;
            }

            if (paragraphs.Count == 0)
            {
                bodyLine = k + 1;
            }

            paragraphs.Add(Trim(lines[k]));
        }

        if (paragraphs.Count == 0)
        {
            missing.Add("body text");
        }

        return new TextPage
        {
            Headline = headline,
            HeadlineLine = headlineLine,
            StatedMinutes = stated,
            ImageAlt = alt,
            Caption = caption,
            CaptionLine = captionLine,
            Credit = credit,
            Paragraphs = paragraphs,
            BodyLine = bodyLine,
            Teasers = teasers,
            AuthorName = authorName,
            AuthorLine = authorLine,
            AuthorJobTitle = jobTitle,
            AuthorBio = bio,
            Missing = missing,
        };
    }

    /// <summary>Turns a parsed page (plus its sidecar fields, if any) into an article.</summary>
    internal static ArticleSeed? Read(string text, ArticleFields? sidecar, DateTime lastWriteUtc, SeedContext context)
    {
        var page = Parse(text, context.Problems);
        foreach (var part in page.Missing)
        {
            context.Problems.Warning(0, 0, $"the page has no {part}; the article is shown without it");
        }

        if (page.Headline is null)
        {
            return null;
        }

        if (!FitsTheStore(page, context.Problems))
        {
            return null;
        }

        var body = new RenderedBody(
            string.Join('\n', page.Paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")),
            string.Join('\n', page.Paragraphs),
            page.Paragraphs.Count > 0 ? page.Paragraphs[0] : null);

        var author = page.AuthorName is null ? null : new AuthorSeed
        {
            Slug = Slug.From(page.AuthorName),
            Name = page.AuthorName,
            JobTitle = page.AuthorJobTitle,
            BioHtml = page.AuthorBio.Count == 0 ? null : string.Join('\n', page.AuthorBio.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")),
            SourcePath = context.Path,
        };
        if (author is { Slug.Length: 0 })
        {
            context.Problems.Warning(0, 0, $"author '{page.AuthorName}' has no letters a URL can use; the article is shown without an author");
            author = null;
        }

        var meta = sidecar ?? new ArticleFields();
        var pageImage = page.ImageAlt is null ? null : new HeroImage { Alt = page.ImageAlt, Caption = page.Caption, Credit = page.Credit };
        meta = meta with
        {
            // The sidecar may name the image file the capture lost; the capture's words stay unless overridden.
            Image = MergeImage(pageImage, meta.Image),
            Related = [.. page.Teasers, .. meta.Related],
        };

        var authorBlock = string.Join('\n', [page.AuthorName, page.AuthorJobTitle, .. page.AuthorBio]);
        var article = ArticleBuilder.Build(page.Headline, page.HeadlineLine, meta, SourceFormat.TextPage,
            body, page.BodyLine, authorBlock, lastWriteUtc, author, context);

        if (article is not null && page.StatedMinutes is { } stated && stated != article.ReadingMinutes)
        {
            context.Problems.Warning(0, 0,
                $"the page says {stated} min read, but its words read in {article.ReadingMinutes} min at {ReadingTime.WordsPerMinute} words a minute; {article.ReadingMinutes} is shown");
        }

        return article;
    }

    /// <summary>
    /// A captured line can be of any length, but the store's columns are not (PostgreSQL refuses an over-long value,
    /// and with it the whole import): each part gets the limit the same field has in front matter.
    /// </summary>
    private static bool FitsTheStore(TextPage page, ProblemSink problems)
    {
        var fits = true;
        void Check(string? value, int limit, int line, string part)
        {
            if (value is not null && value.Length > limit)
            {
                problems.Error(line, 1, $"{part}: {value.Length} characters is too long (at most {limit})");
                fits = false;
            }
        }

        Check(page.Headline, SeedLimits.HeadlineLength, page.HeadlineLine, "headline");
        Check(page.Caption, SeedLimits.DekLength, page.CaptionLine, "the image caption");
        Check(page.Credit, SeedLimits.HeadlineLength, page.CaptionLine, "the image credit");
        Check(page.AuthorName, SeedLimits.NameLength, page.AuthorLine, "the author's name");
        Check(page.AuthorJobTitle, SeedLimits.NameLength, page.AuthorLine, "the author's job title");
        foreach (var teaser in page.Teasers)
        {
            Check(teaser.Title, SeedLimits.HeadlineLength, teaser.Line, "a related teaser's title");
            Check(teaser.Excerpt, SeedLimits.DekLength, teaser.Line + 1, "a related teaser's excerpt");
        }

        return fits;
    }

    private static HeroImage? MergeImage(HeroImage? page, HeroImage? sidecar) => (page, sidecar) switch
    {
        (null, _) => sidecar,
        (_, null) => page,
        _ => new HeroImage
        {
            Src = sidecar.Src,
            Alt = sidecar.Alt ?? page.Alt,
            Caption = sidecar.Caption ?? page.Caption,
            Credit = sidecar.Credit ?? page.Credit,
        },
    };

    /// <summary>"A view of X. (Photographer/Agency)" → ("A view of X.", "Photographer/Agency").</summary>
    public static (string Caption, string? Credit) SplitCredit(string line)
    {
        var match = TrailingCredit().Match(line);
        return match.Success ? (match.Groups[1].Value.TrimEnd(), match.Groups[2].Value.Trim()) : (line, null);
    }

    private static bool IsChrome(string line) =>
        Trim(line) is SiteLabel or ImageMarker or AvatarMarker or ReadMore or ShowMore || ReadTimeLine().IsMatch(Trim(line));

    private static bool IsBlank(string line) => VisibleText.IsBlank(line);

    private static string Trim(string line) => line.Trim();

    private static int SkipBlank(string[] lines, int from, int end)
    {
        while (from < end && IsBlank(lines[from]))
        {
            from++;
        }

        return from;
    }

    private static int LastIndexOf(string[] lines, string marker, int from, int end)
    {
        for (var k = end - 1; k >= from; k--)
        {
            if (Trim(lines[k]) == marker)
            {
                return k;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(\d{1,3})\s+min read$", RegexOptions.IgnoreCase)]
    private static partial Regex ReadTimeLine();

    [GeneratedRegex(@"^(.*\S)\s*\(([^()]+)\)$")]
    private static partial Regex TrailingCredit();
}
