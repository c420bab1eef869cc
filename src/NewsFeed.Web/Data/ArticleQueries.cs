using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

/// <summary>A teaser on the feed and on listing pages.</summary>
public sealed record ArticleCard(
    string Slug, string Headline, string Excerpt, DateTime PublishedUtc, int ReadingMinutes,
    string? AuthorName, string? SectionName, HeroImage? Image, bool IsDraft = false);

/// <summary>Queries the pages share.</summary>
public static class ArticleQueries
{
    /// <summary>What readers may see: not drafts, and not scheduled for later.</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles, DateTime nowUtc) =>
        articles.Where(a => !a.IsDraft && a.PublishedUtc <= nowUtc);

    public static IQueryable<Article> Newest(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedUtc).ThenBy(a => a.Id);

    public static IQueryable<ArticleCard> ToCard(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleCard(
            a.Slug, a.Headline, a.Excerpt, a.PublishedUtc, a.ReadingMinutes,
            a.Author == null ? null : a.Author.Name,
            a.Section == null ? null : a.Section.Name,
            a.Image,
            a.IsDraft));
}
