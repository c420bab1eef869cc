namespace NewsFeed.Web.Model;

/// <summary>
/// An article's RSS item and JSON Feed item (hero first, every site-relative URL absolute), made when the article, its
/// author or the site's address changes (<see cref="Data.ArticleViews"/>), so a feed request never parses HTML.
/// Kept as UTF-8, the bytes a response sends: read back as text, 50 full items were decoded and encoded again per request.
/// </summary>
public sealed class FeedItem
{
    public int ArticleId { get; set; }

    public byte[] Rss { get; set; } = [];

    public byte[] Json { get; set; } = [];
}
