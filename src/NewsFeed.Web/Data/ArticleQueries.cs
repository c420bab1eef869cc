using System.Linq.Expressions;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

/// <summary>A teaser on the feed and on listing pages.</summary>
public sealed record ArticleCard(
    string Slug, string Headline, string Excerpt, DateTime PublishedUtc, int ReadingMinutes,
    string? AuthorName, string? SectionName, string? SectionSlug, HeroImage? Image, bool IsDraft = false, int Id = 0, string? AuthorSlug = null,
    string Language = "");

/// <summary>One page of a listing: its teasers, and whether a next page exists.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleCard> Articles, int Number, bool HasMore);

/// <summary>Queries the pages share.</summary>
public static class ArticleQueries
{
    public const int PageSize = 20;

    /// <summary>
    /// What readers may see: not drafts, and not scheduled for later. The one rule, as an expression so that nested
    /// collections use it too (<c>t.Articles.AsQueryable().Any(IsPublic(now))</c>).
    /// </summary>
    public static Expression<Func<Article, bool>> IsPublic(DateTime nowUtc)
    {
        // A parameter, not a constant: "!a.IsDraft" becomes NOT("IsDraft"), which SQLite cannot use as an index
        // equality, and every listing would scan the table and sort it.
        var draft = false;
        return a => a.IsDraft == draft && a.PublishedUtc <= nowUtc;
    }

    /// <summary><see cref="IsPublic"/> for values in memory; a test holds the two to the same answers.</summary>
    public static bool IsPublicAt(bool isDraft, DateTime publishedUtc, DateTime nowUtc) => !isDraft && publishedUtc <= nowUtc;

    /// <summary>What readers may see (<see cref="IsPublic"/>).</summary>
    public static IQueryable<Article> Published(this IQueryable<Article> articles, DateTime nowUtc) => articles.Where(IsPublic(nowUtc));

    public static IQueryable<Article> Newest(this IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishedUtc).ThenBy(a => a.Id);

    public static IQueryable<ArticleCard> ToCard(this IQueryable<Article> articles) =>
        articles.Select(a => new ArticleCard(
            a.Slug, a.Headline, a.Excerpt, a.PublishedUtc, a.ReadingMinutes,
            a.Author == null ? null : a.Author.Name,
            a.Section == null ? null : a.Section.Name,
            a.Section == null ? null : a.Section.Slug,
            a.Image,
            a.IsDraft,
            a.Id,
            a.Author == null ? null : a.Author.Slug,
            a.Language));
}
