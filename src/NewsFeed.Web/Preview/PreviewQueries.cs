using NewsFeed.Web.Data;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Preview;

/// <summary>Whether readers can see an article yet; the preview banner says why not.</summary>
public sealed record ArticleVisibility(bool IsDraft, DateTime PublishedUtc)
{
    public bool IsScheduledAt(DateTime nowUtc) => PublishedUtc > nowUtc;

    /// <summary>Whether the preview banner has anything to say (never, for what readers see).</summary>
    public bool HasBannerAt(DateTime nowUtc) => IsDraft || IsScheduledAt(nowUtc);
}

public static class PreviewQueries
{
    /// <summary>
    /// What a page may show: in preview mode every article, drafts and scheduled ones too (with a banner); otherwise
    /// only what is <see cref="ArticleQueries.Published"/>.
    /// </summary>
    public static IQueryable<Article> Visible(this IQueryable<Article> articles, DateTime nowUtc, PreviewOptions preview) =>
        preview.Enabled ? articles : articles.Published(nowUtc);

    /// <summary><see cref="Visible"/> for one article in memory (a stored "Read more" candidate): the same rule.</summary>
    public static bool IsVisible(bool isDraft, DateTime publishedUtc, DateTime nowUtc, PreviewOptions preview) =>
        preview.Enabled || ArticleQueries.IsPublicAt(isDraft, publishedUtc, nowUtc);
}
