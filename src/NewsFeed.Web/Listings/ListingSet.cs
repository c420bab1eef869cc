using NewsFeed.Web.Data;

namespace NewsFeed.Web.Listings;

/// <summary>Which listing a page shows: the whole site's, one edition's (by language code), or one tag's, author's or section's (by slug).</summary>
public readonly record struct Listing(ListingKind Kind, string Slug)
{
    public static readonly Listing Newest = new(ListingKind.Newest, "");

    /// <summary>An edition's front page: the articles in one language (<c>lang:</c>), newest first.</summary>
    public static Listing Edition(string language) => new(ListingKind.Edition, language);

    public static Listing Tag(string slug) => new(ListingKind.Tag, slug);

    public static Listing Author(string slug) => new(ListingKind.Author, slug);

    public static Listing Section(string slug) => new(ListingKind.Section, slug);
}

public enum ListingKind
{
    Newest,
    Edition,
    Tag,
    Author,
    Section,
}

/// <summary>An article as listings know it: its teaser, and the tags it is listed under.</summary>
public sealed record ListedArticle(ArticleCard Card, IReadOnlyList<string> TagSlugs);

/// <summary>
/// Every article's teaser, drafts and scheduled ones included, in each listing's order (newest first, then by id, as
/// <see cref="ArticleQueries.Newest"/>). Immutable: a change makes a new set (<see cref="With"/>) and readers keep the
/// one they started with. Who may see an article is decided per page, at its time (<see cref="Page"/>).
/// </summary>
public sealed class ListingSet
{
    private static readonly Comparison<ArticleCard> NewestFirst = (a, b) =>
        b.PublishedUtc.CompareTo(a.PublishedUtc) is var byDate and not 0 ? byDate : a.Id.CompareTo(b.Id);

    private static readonly ListingSet Empty = new();

    private readonly Dictionary<int, ListedArticle> _byId;
    private readonly ArticleCard[] _newest;
    private readonly Dictionary<string, ArticleCard[]> _tags;
    private readonly Dictionary<string, ArticleCard[]> _authors;
    private readonly Dictionary<string, ArticleCard[]> _sections;
    private readonly Dictionary<string, ArticleCard[]> _editions;

    public ListingSet(IEnumerable<ListedArticle> articles)
        : this(Empty, [], [.. articles])
    {
    }

    private ListingSet()
    {
        (_byId, _newest) = ([], []);
        (_tags, _authors, _sections, _editions) = ([], [], [], []);
    }

    /// <summary>
    /// <paramref name="before"/> without <paramref name="removed"/> (articles it holds) and with <paramref name="added"/>. Only
    /// the listings those articles are in are made again, by merging; the others' arrays are shared with
    /// <paramref name="before"/>, which never writes to them. A save at 10,000 articles sorted and grouped them all again.
    /// </summary>
    private ListingSet(ListingSet before, List<ListedArticle> removed, List<ListedArticle> added)
    {
        _byId = new(before._byId);
        removed.ForEach(a => _byId.Remove(a.Card.Id));
        added.ForEach(a => _byId.Add(a.Card.Id, a));
        var gone = removed.Select(a => a.Card.Id).ToHashSet();
        _newest = Merge(before._newest, gone, [.. added.Select(a => a.Card)]);
        _tags = Regroup(before._tags, a => a.TagSlugs.Distinct(StringComparer.Ordinal), removed, added, gone);
        _authors = Regroup(before._authors, a => a.Card.AuthorSlug is { } author ? [author] : [], removed, added, gone);
        _sections = Regroup(before._sections, a => a.Card.SectionSlug is { } section ? [section] : [], removed, added, gone);
        _editions = Regroup(before._editions, a => [a.Card.Language], removed, added, gone);
    }

    public int Count => _byId.Count;

    /// <summary>The teaser of the article with this id, whoever may see it, or null when there is none.</summary>
    public ArticleCard? Card(int id) => _byId.TryGetValue(id, out var article) ? article.Card : null;

    /// <summary>The slugs of the articles <paramref name="select"/> picks (an author's, a section's).</summary>
    public IEnumerable<string> Slugs(Func<ArticleCard, bool> select) => _newest.Where(select).Select(c => c.Slug);

    /// <summary>
    /// Page <paramref name="number"/> (1-based) of <paramref name="listing"/>, counting only the articles
    /// <paramref name="visible"/> lets through, with whether a next page exists.
    /// </summary>
    public ArticlePage Page(Listing listing, int number, Func<ArticleCard, bool> visible) => PageOf(listing, number, visible, ArticleQueries.PageSize);

    private ArticlePage PageOf(Listing listing, int number, Func<ArticleCard, bool> visible, int pageSize)
    {
        var cards = listing.Kind switch
        {
            ListingKind.Newest => _newest,
            ListingKind.Edition => _editions.GetValueOrDefault(listing.Slug),
            ListingKind.Tag => _tags.GetValueOrDefault(listing.Slug),
            ListingKind.Author => _authors.GetValueOrDefault(listing.Slug),
            _ => _sections.GetValueOrDefault(listing.Slug),
        } ?? [];
        var skip = (long)(number - 1) * pageSize;
        var page = new List<ArticleCard>(pageSize);
        foreach (var card in cards)
        {
            if (!visible(card))
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
            }
            else if (page.Count == pageSize)
            {
                return new ArticlePage(page, number, HasMore: true);
            }
            else
            {
                page.Add(card);
            }
        }

        return new ArticlePage(page, number, HasMore: false);
    }

    /// <summary>The ids of the first <paramref name="count"/> articles of <paramref name="listing"/> that <paramref name="visible"/> lets through, newest first.</summary>
    public IReadOnlyList<int> Newest(Listing listing, int count, Func<ArticleCard, bool> visible) =>
        [.. PageOf(listing, 1, visible, count).Articles.Select(c => c.Id)];

    /// <summary>This set with the articles <paramref name="drop"/> picks taken out and <paramref name="added"/> put in (an article in both is replaced).</summary>
    public ListingSet With(IReadOnlyCollection<ListedArticle> added, Func<ArticleCard, bool> drop)
    {
        var ids = added.Select(a => a.Card.Id).ToHashSet();
        return new ListingSet(this, [.. _byId.Values.Where(a => ids.Contains(a.Card.Id) || drop(a.Card))], [.. added]);
    }

    /// <summary>The listings of <paramref name="before"/> that the removed or added articles are in, made again; the rest as they were.</summary>
    private static Dictionary<string, ArticleCard[]> Regroup(
        Dictionary<string, ArticleCard[]> before, Func<ListedArticle, IEnumerable<string>> keysOf, List<ListedArticle> removed,
        List<ListedArticle> added, HashSet<int> gone)
    {
        var fresh = new Dictionary<string, List<ArticleCard>>(StringComparer.Ordinal);
        foreach (var article in added)
        {
            foreach (var key in keysOf(article))
            {
                (fresh.TryGetValue(key, out var cards) ? cards : fresh[key] = []).Add(article.Card);
            }
        }

        var groups = new Dictionary<string, ArticleCard[]>(before, StringComparer.Ordinal);
        foreach (var key in removed.SelectMany(keysOf).Concat(fresh.Keys).Distinct(StringComparer.Ordinal))
        {
            var cards = Merge(before.GetValueOrDefault(key) ?? [], gone, fresh.GetValueOrDefault(key) ?? []);
            if (cards.Length == 0)
            {
                groups.Remove(key);
            }
            else
            {
                groups[key] = cards;
            }
        }

        return groups;
    }

    /// <summary><paramref name="listed"/> (in order) without the <paramref name="gone"/> ids, with <paramref name="added"/> put in their places.</summary>
    private static ArticleCard[] Merge(ArticleCard[] listed, HashSet<int> gone, List<ArticleCard> added)
    {
        added.Sort(NewestFirst);
        var merged = new List<ArticleCard>(listed.Length + added.Count);
        var next = 0;
        foreach (var card in listed)
        {
            if (gone.Contains(card.Id))
            {
                continue;
            }

            for (; next < added.Count && NewestFirst(added[next], card) < 0; next++)
            {
                merged.Add(added[next]);
            }

            merged.Add(card);
        }

        merged.AddRange(added.Skip(next));
        return [.. merged];
    }
}
