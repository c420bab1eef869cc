namespace NewsFeed.Web.Model;

/// <summary>
/// A note the newsroom adds when an article changed after publication, from the seed's <c>corrections:</c> list. Shown
/// on the article, in its NewsArticle data and feed items, and on <c>/corrections</c>.
/// </summary>
public sealed class Correction
{
    public int Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>Order in the seed's list.</summary>
    public int Position { get; set; }

    public DateTime DateUtc { get; set; }
    public CorrectionKind Kind { get; set; }
    public required string Text { get; set; }
}

/// <summary>What a correction says happened: something was wrong, unclear, or is new since.</summary>
public enum CorrectionKind
{
    Correction = 0,
    Clarification = 1,
    Update = 2,
}
