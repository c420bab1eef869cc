using NewsFeed.Web.Model;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// One seed file as read from disk: an article or an author, or neither when it could not be read.
/// Reading never throws for bad content; what is wrong is in <see cref="Problems"/>, which validation adds to.
/// </summary>
public sealed class SeedDocument
{
    /// <summary>Path relative to the seeds folder, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>SHA-256 over the file's bytes and, for a text page, its sidecar's.</summary>
    public required string Hash { get; init; }

    private ArticleSeed? _article;

    public ArticleSeed? Article { get => _article; init => _article = value; }
    public AuthorSeed? Author { get; init; }

    public List<SeedProblem> Problems { get; } = [];

    /// <summary>
    /// The <c>/media/</c> addresses of the pictures the file names (<see cref="SeedPictures.Named"/>), whether or not
    /// they can be shown and whether or not the file has errors: what keeps a picture from being called unused.
    /// </summary>
    public IReadOnlySet<string> Pictures { get; init; } = NoPictures;

    internal static readonly IReadOnlySet<string> NoPictures = new HashSet<string>(StringComparer.Ordinal);

    public bool HasErrors => Problems.Exists(p => p.IsError);

    /// <summary>
    /// Lets go of the article's HTML and text once they are written; what validation, the report and the
    /// change need stays.
    /// </summary>
    public void DropBody() => _article = _article is null ? null : _article with { Html = "", BodyText = "" };

    /// <summary>
    /// The same document with its own problem list, so a document read once can be validated again, against
    /// a changed folder, without collecting the problems of every earlier validation.
    /// </summary>
    public SeedDocument Copy()
    {
        var copy = new SeedDocument { Path = Path, Hash = Hash, Article = Article, Author = Author, Pictures = Pictures };
        copy.Problems.AddRange(Problems);
        return copy;
    }
}

/// <summary>An article as read and rendered from its seed, before it meets the store.</summary>
public sealed record ArticleSeed
{
    public required string Slug { get; init; }

    /// <summary>Line the slug came from (the slug field, or the headline it was derived from).</summary>
    public int SlugLine { get; init; }

    public required string Headline { get; init; }
    public string? Dek { get; init; }
    public required string Excerpt { get; init; }
    public required DateTime PublishedUtc { get; init; }
    public DateTime? UpdatedUtc { get; init; }
    public bool IsDraft { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public HeroImage? Image { get; init; }
    public required SourceFormat Format { get; init; }
    public required string Html { get; init; }

    /// <summary>The body as plain text, for the search index and to catch a stealth edit.</summary>
    public string BodyText { get; init; } = "";

    /// <summary>The body's first line with text (1-based): where a problem with the body as a whole is reported.</summary>
    public int BodyLine { get; init; }

    public int WordCount { get; init; }
    public int ReadingMinutes { get; init; }
    public IReadOnlyList<RelatedSeed> Related { get; init; } = [];
    public IReadOnlyList<CorrectionSeed> Corrections { get; init; } = [];

    /// <summary>Slug of the author: from front matter, or from the text page's author block.</summary>
    public string? AuthorSlug { get; init; }

    public int AuthorLine { get; init; }

    /// <summary><c>lang:</c>'s edition code, or null for the site's default language (<see cref="LanguageOr"/>).</summary>
    public string? Language { get; init; }

    public int LanguageLine { get; init; }

    /// <summary><c>translation_of:</c> the slug of the original this article translates.</summary>
    public string? TranslationOf { get; init; }

    public int TranslationLine { get; init; }

    /// <summary>The article's language, the site's <paramref name="defaultLanguage"/> (a code) when it names none.</summary>
    public string LanguageOr(string defaultLanguage) => Language ?? defaultLanguage;

    /// <summary>The author block of a text page; an author file with the same slug wins over it.</summary>
    public AuthorSeed? InlineAuthor { get; init; }
}

/// <summary>An entry of <c>corrections:</c>: when, what kind, and what readers are told.</summary>
public sealed record CorrectionSeed(DateTime DateUtc, CorrectionKind Kind, string Text, int Line);

/// <summary>An entry of "Read more": a slug on this site, or a URL/teaser with title and excerpt.</summary>
public sealed record RelatedSeed(string? Slug, string? Url, string? Title, string? Excerpt, int Line);

public sealed record AuthorSeed
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string? JobTitle { get; init; }
    public string? AvatarSrc { get; init; }
    public string? BioHtml { get; init; }
    public required string SourcePath { get; init; }
}
