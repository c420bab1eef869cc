namespace NewsFeed.Web.Model;

/// <summary>
/// An article as imported from one seed file (plus its sidecar, for text pages). Properties are declared in column
/// order: the short ones first and the long texts last, so a listing reads its cards from each row's first page
/// without walking the overflow pages of the body (bench/README.md, "Profile").
/// </summary>
public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Headline { get; set; }
    public string? Dek { get; set; }

    /// <summary>Plain-text teaser: the dek, or else the start of the body.</summary>
    public required string Excerpt { get; set; }

    public DateTime PublishedUtc { get; set; }
    public DateTime? UpdatedUtc { get; set; }
    public bool IsDraft { get; set; }

    /// <summary>The edition's code (<c>en</c>, <c>uk</c>): <c>lang:</c>, or the site's language.</summary>
    public required string Language { get; set; }

    /// <summary>The slug of the original this article translates (<c>translation_of:</c>), checked at import to be another language's.</summary>
    public string? TranslationOf { get; set; }

    public int? SectionId { get; set; }
    public Section? Section { get; set; }
    public List<Tag> Tags { get; set; } = [];

    public HeroImage? Image { get; set; }

    public SourceFormat Format { get; set; }

    public int WordCount { get; set; }
    public int ReadingMinutes { get; set; }

    public List<RelatedLink> RelatedLinks { get; set; } = [];

    /// <summary>The seed's corrections, in its order.</summary>
    public List<Correction> Corrections { get; set; } = [];

    public int? AuthorId { get; set; }
    public Author? Author { get; set; }

    /// <summary>Seed file path relative to the seeds folder, with forward slashes.</summary>
    public required string SourcePath { get; set; }

    /// <summary>SHA-256 of the file (and sidecar) bytes, to skip unchanged files on the next import.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The body rendered and sanitized once, at import.</summary>
    public required string Html { get; set; }

    /// <summary>
    /// What its page shows besides these columns, and its feed items: each in a table of its own, made (and remade) after
    /// the row is written, since SQLite rewrites a whole row, body and source included, for an update of one column.
    /// </summary>
    public ArticleViewRecord? ViewRecord { get; set; }

    public FeedItem? FeedItem { get; set; }
}

public enum SourceFormat
{
    Markdown = 0,
    TextPage = 1,
}
