namespace NewsFeed.Web.Model;

/// <summary>
/// One entry of an article's "Read more" list, in seed order: another article by slug, an external URL,
/// or (from a captured text page) a teaser with only a title and excerpt.
/// </summary>
public sealed class RelatedLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }

    /// <summary>
    /// Slug of an article on this site; resolved when the linking article's view is made (Data.ArticleViews), and made
    /// again when that article appears or its teaser changes, so import order never matters.
    /// </summary>
    public string? TargetSlug { get; set; }

    public string? Url { get; set; }
    public string? Title { get; set; }
    public string? Excerpt { get; set; }
}
