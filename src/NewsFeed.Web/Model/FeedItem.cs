namespace NewsFeed.Web.Model;

/// <summary>
/// An article's RSS item and JSON Feed item (hero first, every site-relative URL absolute), made when the article, its
/// author or the site's address changes (<see cref="Data.ArticleViews"/>), so a feed request never parses HTML.
/// </summary>
public sealed class FeedItem
{
    public int ArticleId { get; set; }

    public string Rss { get; set; } = "";

    public string Json { get; set; } = "";
}
