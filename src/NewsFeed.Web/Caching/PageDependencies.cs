using NewsFeed.Web.Data;

namespace NewsFeed.Web.Caching;

/// <summary>
/// The dependency keys a page records while it renders, from what it actually read; the page cache stores them with
/// the entry and sends them to a shared cache in front. Only present on requests the page cache may store.
/// </summary>
public sealed class PageDependencies
{
    // Every page has the header's section links.
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal) { ContentKeys.SectionNav };

    public IReadOnlyCollection<string> Keys => _keys;

    public void Add(string key) => _keys.Add(key);
}

public static class PageDependencyExtensions
{
    /// <summary>Records that this response shows what <paramref name="keys"/> name (nothing when it is not cached).</summary>
    public static void DependsOn(this HttpContext context, params ReadOnlySpan<string> keys)
    {
        if (context.Features.Get<PageDependencies>() is { } dependencies)
        {
            foreach (var key in keys)
            {
                dependencies.Add(key);
            }
        }
    }

    /// <summary>A listing page: the listing's own key, and every teaser it shows (article and author).</summary>
    public static void DependsOn(this HttpContext context, string listing, IEnumerable<ArticleCard> cards)
    {
        if (context.Features.Get<PageDependencies>() is not { } dependencies)
        {
            return;
        }

        dependencies.Add(listing);
        foreach (var card in cards)
        {
            dependencies.Add(ContentKeys.Article(card.Slug));
            if (card.AuthorSlug is { } author)
            {
                dependencies.Add(ContentKeys.Author(author));
            }
        }
    }
}
