using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

/// <summary>A teaser on the feed and on listing pages.</summary>
public sealed record ArticleCard(
    string Slug, string Headline, string Excerpt, DateTime PublishedUtc, int ReadingMinutes,
    string? AuthorName, string? SectionName, string? SectionSlug, HeroImage? Image, bool IsDraft = false);

/// <summary>One page of a listing: its teasers, and whether a next page exists.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleCard> Articles, int Number, bool HasMore);

/// <summary>Queries the pages share.</summary>
public static class ArticleQueries
{
    public const int PageSize = 20;

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
            a.Section == null ? null : a.Section.Slug,
            a.Image,
            a.IsDraft));

    /// <summary>
    /// Page <paramref name="number"/> (1-based) of newest-first teasers. Reads one row more than a page,
    /// so "is there more?" costs no second query.
    /// </summary>
    public static async Task<ArticlePage> ToPageAsync(this IQueryable<Article> articles, int number, CancellationToken cancellationToken)
    {
        var rows = await articles.Newest().ToCard()
            .Skip((number - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        return new ArticlePage(rows.Take(PageSize).ToList(), number, rows.Count > PageSize);
    }
}
