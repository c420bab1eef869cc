using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Model;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Data;

/// <summary>An entry of "Read more"; <see cref="Href"/> is null for a captured teaser whose article is not on this site.</summary>
public sealed record ReadMore(string Title, string? Href, string? Excerpt, bool IsExternal);

/// <summary>The "Read more" list of an article page.</summary>
public static class RelatedArticles
{
    public const int Count = 4;

    /// <summary>
    /// The slug of the article a related link points at, if it points at one: its slug, or, for a captured teaser that
    /// has only a title, the article of that headline when the site has it.
    /// </summary>
    public static string? TargetOf(RelatedLink link) =>
        link.TargetSlug ?? (link.Url is null && link.Title is not null ? Slug.From(link.Title) : null);

    /// <summary>
    /// The article's own related links first, in seed order (all of them: an editor chose each), then the
    /// newest articles sharing a tag, until there are <see cref="Count"/>. Internal links resolve now, not at
    /// import, so they follow the target's headline and vanish while it is not visible: pass the articles
    /// this request may show (public ones, or all of them in preview).
    /// </summary>
    public static async Task<List<ReadMore>> ForAsync(
        IQueryable<Article> visible, int articleId, string slug, IReadOnlyList<RelatedLink> links, CancellationToken cancellationToken)
    {
        var wanted = links.Select(TargetOf).OfType<string>().Where(s => s != slug).ToList();
        var targets = wanted.Count == 0 ? [] : await visible
            .Where(a => wanted.Contains(a.Slug))
            .ToDictionaryAsync(a => a.Slug, a => new { a.Headline, a.Excerpt }, cancellationToken);

        var result = new List<ReadMore>();
        var shown = new HashSet<string>(StringComparer.Ordinal) { slug };
        foreach (var link in links)
        {
            var target = TargetOf(link);
            if (target is not null && targets.TryGetValue(target, out var found) && shown.Add(target))
            {
                result.Add(new ReadMore(link.Title ?? found.Headline, $"/articles/{target}", link.Excerpt ?? found.Excerpt, false));
            }
            else if (link.TargetSlug is null && link.Title is not null && (target is null || !targets.ContainsKey(target)))
            {
                result.Add(new ReadMore(link.Title, link.Url, link.Excerpt, link.Url is not null && !link.Url.StartsWith('/')));
            }
        }

        if (result.Count < Count)
        {
            var sharingTag = await visible
                .Where(a => a.Id != articleId && a.Tags.Any(t => t.Articles.Any(x => x.Id == articleId)))
                .Newest()
                .Select(a => new { a.Slug, a.Headline, a.Excerpt })
                .Take(Count + shown.Count)
                .ToListAsync(cancellationToken);
            result.AddRange(sharingTag.Where(a => shown.Add(a.Slug)).Take(Count - result.Count)
                .Select(a => new ReadMore(a.Headline, $"/articles/{a.Slug}", a.Excerpt, false)));
        }

        return result;
    }
}
