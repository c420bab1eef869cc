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

    private readonly Dictionary<int, ListedArticle> _byId;
    private readonly ArticleCard[] _newest;
    private readonly Dictionary<string, ArticleCard[]> _tags;
    private readonly Dictionary<string, ArticleCard[]> _authors;
    private readonly Dictionary<string, ArticleCard[]> _sections;
    private readonly Dictionary<string, ArticleCard[]> _editions;

    public ListingSet(IEnumerable<ListedArticle> articles)
    {
        _byId = articles.ToDictionary(a => a.Card.Id);
        _newest = [.. _byId.Values.Select(a => a.Card)];
        Array.Sort(_newest, NewestFirst);
        _tags = Group(_byId.Values.SelectMany(a => a.TagSlugs.Distinct(StringComparer.Ordinal).Select(t => (t, a.Card))));
        _authors = Group(_newest.Where(c => c.AuthorSlug is not null).Select(c => (c.AuthorSlug!, c)));
        _sections = Group(_newest.Where(c => c.SectionSlug is not null).Select(c => (c.SectionSlug!, c)));
        _editions = Group(_newest.Select(c => (c.Language, c)));
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
        return new ListingSet(_byId.Values.Where(a => !ids.Contains(a.Card.Id) && !drop(a.Card)).Concat(added));
    }

    private static Dictionary<string, ArticleCard[]> Group(IEnumerable<(string Key, ArticleCard Card)> members)
    {
        var groups = new Dictionary<string, ArticleCard[]>(StringComparer.Ordinal);
        foreach (var group in members.GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var cards = group.Select(m => m.Card).ToArray();
            Array.Sort(cards, NewestFirst);
            groups[group.Key] = cards;
        }

        return groups;
    }
}
