namespace NewsFeed.Web.Model;

/// <summary>
/// What an article's page shows besides the article's own columns, resolved at import (<see cref="Data.ArticleViews"/>):
/// section, author card, tags, "Read more" candidates, the NewsArticle data, as JSON (<see cref="Data.StoredView"/>).
/// </summary>
public sealed class ArticleViewRecord
{
    public int ArticleId { get; set; }

    /// <summary>The dependency keys of the view, space-separated: which changes make it again.</summary>
    public string Keys { get; set; } = "";

    public string Json { get; set; } = "";
}
