namespace NewsFeed.Web.Model;

/// <summary>
/// What an article's page shows besides the article's own columns, resolved at import (<see cref="Data.ArticleViews"/>):
/// the parts of its page that depend on content alone, as HTML (<see cref="Pages.Articles.ArticleParts"/>), and what the
/// page still decides per request ("Read more" candidates, translations), as JSON (<see cref="Data.StoredView"/>).
/// </summary>
public sealed class ArticleViewRecord
{
    public int ArticleId { get; set; }

    /// <summary>The dependency keys of the view, space-separated: which changes make it again.</summary>
    public string Keys { get; set; } = "";

    public string Json { get; set; } = "";

    public string Head { get; set; } = "";

    public string Top { get; set; } = "";

    public string Figure { get; set; } = "";

    public string End { get; set; } = "";
}
