using NewsFeed.Web.Model;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Data;

/// <summary>An entry of "Read more"; <see cref="Href"/> is null for a captured teaser whose article is not on this site.</summary>
public sealed record ReadMore(string Title, string? Href, string? Excerpt, bool IsExternal);

/// <summary>
/// The "Read more" list of an article page: the article's own related links first, in seed order (all of them: an
/// editor chose each), then the newest articles sharing a tag, until there are <see cref="Count"/>. Internal links
/// follow the target's headline and vanish while it is not visible. Made in two steps: the candidates when content
/// changes (<see cref="Candidates"/>, stored in the article's view), the choice among the visible ones per request
/// (<see cref="Choose"/>), so drafts, preview and scheduled articles coming due need nothing made again.
/// </summary>
public static class RelatedArticles
{
    public const int Count = 4;

    /// <summary>
    /// The slug of the article a related link points at, if it points at one: its slug, or, for a captured teaser that
    /// has only a title, the article of that headline when the site has it.
    /// </summary>
    public static string? TargetOf(RelatedLink link) =>
        link.TargetSlug ?? (link.Url is null && link.Title is not null ? Slug.From(link.Title) : null);

    /// <summary>An article's own related links, in seed order, each with the article it shows while that one is visible.</summary>
    public static List<ReadMoreLink> Links(string slug, IEnumerable<RelatedLink> links, Candidates pool) =>
        [.. links.Select(link =>
        {
            var target = TargetOf(link);
            var teaser = target is not null && target != slug && pool.BySlug.TryGetValue(target, out var found) ? found.Teaser : null;
            return new ReadMoreLink(link.Title, link.Url, link.Excerpt, link.TargetSlug is null && link.Title is not null, teaser);
        })];

    /// <summary>
    /// The articles sharing a tag with article <paramref name="articleId"/>, newest first, as far as any reader could
    /// need: up to and including the one that makes <see cref="Count"/> public articles (at the time of making) beyond
    /// those its own <paramref name="linkTargets"/> links may show. Drafts and scheduled articles on the way are kept
    /// (preview shows them; a scheduled one comes due), and a public article only stops being one through a change,
    /// which makes the list again.
    /// </summary>
    public static List<ReadMoreTeaser> Candidates(int articleId, IEnumerable<int> tagIds, int linkTargets, Candidates pool, DateTime nowUtc)
    {
        var lists = tagIds.Select(t => pool.ByTag.TryGetValue(t, out var list) ? list : []).Where(l => l.Count > 0).ToList();
        var heads = new int[lists.Count];
        var seen = new HashSet<int> { articleId };
        var result = new List<ReadMoreTeaser>();
        var publicCount = 0;
        // A merge of the per-tag lists, each already newest first: the walk stops long before most lists end.
        while (publicCount < Count + linkTargets)
        {
            var best = -1;
            for (var i = 0; i < lists.Count; i++)
            {
                if (heads[i] < lists[i].Count && (best < 0 || Candidate.Newest(lists[i][heads[i]], lists[best][heads[best]]) < 0))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            var next = lists[best][heads[best]++];
            if (seen.Add(next.Id))
            {
                result.Add(next.Teaser);
                if (ArticleQueries.IsPublicAt(next.Teaser.IsDraft, next.Teaser.PublishedUtc, nowUtc))
                {
                    publicCount++;
                }
            }
        }

        return result;
    }

    /// <summary>The list a reader sees, from the stored candidates; <paramref name="visible"/> is the request's rule.</summary>
    public static List<ReadMore> Choose(string slug, StoredView view, Func<ReadMoreTeaser, bool> visible)
    {
        var result = new List<ReadMore>();
        var shown = new HashSet<string>(StringComparer.Ordinal) { slug };
        foreach (var link in view.Links)
        {
            var target = link.Target is { } t && visible(t) ? t : null;
            if (target is not null && shown.Add(target.Slug))
            {
                result.Add(new ReadMore(link.Title ?? target.Headline, $"/articles/{target.Slug}", link.Excerpt ?? target.Excerpt, false));
            }
            else if (link.Plain && target is null)
            {
                result.Add(new ReadMore(link.Title!, link.Url, link.Excerpt, link.Url is not null && !link.Url.StartsWith('/')));
            }
        }

        foreach (var teaser in view.Fill)
        {
            if (result.Count >= Count)
            {
                break;
            }

            if (visible(teaser) && shown.Add(teaser.Slug))
            {
                result.Add(new ReadMore(teaser.Headline, $"/articles/{teaser.Slug}", teaser.Excerpt, false));
            }
        }

        return result;
    }
}
