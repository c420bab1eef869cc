using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>Which articles a feed holds: all of them, or one author's, tag's or section's.</summary>
internal enum FeedScope
{
    Home,
    Author,
    Tag,
    Section,
}

/// <summary>Which stored item a feed is made of.</summary>
internal enum FeedKind
{
    Rss,
    Json,
}

/// <summary>An item of a feed: the stored item (RSS or JSON, <see cref="FeedItems"/>) and what the response needs of it.</summary>
internal sealed record FeedEntry(int Id, string Slug, DateTime PublishedUtc, DateTime? UpdatedUtc, string? AuthorSlug, byte[] Item)
{
    public DateTime ModifiedUtc => UpdatedUtc ?? PublishedUtc;
}

/// <summary>One feed: its channel (URLs absolute) and its stored items of one kind.</summary>
internal sealed record Feed(
    string Title, string Description, string PageUrl, string RssUrl, string JsonUrl, IReadOnlyList<FeedEntry> Entries, string? Language = null)
{
    /// <summary>Newest public articles in a feed; readers only look at the top, and 50 keeps the feed small.</summary>
    public const int ItemCount = 50;

    /// <summary>
    /// Loads the feed of <paramref name="scope"/> (<paramref name="slug"/> names the author, tag or section; for the
    /// home feed, <paramref name="edition"/> is the language whose articles it holds),
    /// or null when there is no such author, or no public article has that tag or section: a tag or section
    /// that only drafts use must not show its name to the public.
    /// </summary>
    public static async Task<Feed?> LoadAsync(
        NewsDbContext db, FeedScope scope, string? slug, FeedKind kind, DateTime nowUtc, SiteOptions site, CancellationToken cancellationToken,
        Edition? edition = null, HomeFeedItems? homeItems = null)
    {
        var published = db.Articles.Published(nowUtc);
        var (name, articles) = scope switch
        {
            FeedScope.Author => (
                await db.Authors.Where(a => a.Slug == slug).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken),
                published.Where(a => a.Author!.Slug == slug)),
            FeedScope.Tag => (
                await published.SelectMany(a => a.Tags).Where(t => t.Slug == slug).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken),
                published.Where(a => a.Tags.Any(t => t.Slug == slug))),
            FeedScope.Section => (
                await published.Where(a => a.Section!.Slug == slug).Select(a => a.Section!.Name).FirstOrDefaultAsync(cancellationToken),
                published.Where(a => a.Section!.Slug == slug)),
            _ when edition is not null => (site.Name, published.Where(a => a.Language == edition.Code)),
            _ => (site.Name, published),
        };
        if (name is null)
        {
            return null;
        }

        // Stored items, made at import: no HTML is parsed and no body escaped per request. An edition's home feed keeps
        // them in memory between changes (HomeFeedItems); the others read them in one query.
        var entries = scope == FeedScope.Home && edition is not null && homeItems is not null
            ? await homeItems.NewestAsync(db, edition.Code, kind, nowUtc, cancellationToken)
            : await ItemsOf(articles.Newest().Take(ItemCount), kind).ToListAsync(cancellationToken);

        var key = slug ?? "";
        return scope switch
        {
            FeedScope.Author => new Feed($"{site.Name}: {name}", $"The latest articles by {name}.",
                site.Absolute(PagePaths.Author(key)), site.Absolute(FeedLinks.AuthorRss(key)), site.Absolute(FeedLinks.AuthorJson(key)), entries),
            FeedScope.Tag => new Feed($"{site.Name}: {name}", $"The latest articles tagged {name}.",
                site.Absolute(PagePaths.Tag(key)), site.Absolute(FeedLinks.TagRss(key)), site.Absolute(FeedLinks.TagJson(key)), entries),
            FeedScope.Section => new Feed($"{site.Name}: {name}", $"The latest articles in {name}.",
                site.Absolute(PagePaths.Section(key)), site.Absolute(FeedLinks.SectionRss(key)), site.Absolute(FeedLinks.SectionJson(key)), entries),
            _ when edition is { Prefix.Length: > 0 } => new Feed($"{site.Name} ({edition.Name})", site.Description, site.Absolute(edition.Home),
                site.Absolute(FeedLinks.EditionRss(edition)), site.Absolute(FeedLinks.EditionJson(edition)), entries, edition.Tag),
            _ => new Feed(site.Name, site.Description, site.Absolute(PagePaths.Home),
                site.Absolute(FeedLinks.HomeRss), site.Absolute(FeedLinks.HomeJson), entries, edition?.Tag),
        };
    }

    /// <summary>The stored items of <paramref name="kind"/> of <paramref name="articles"/>, in their order.</summary>
    internal static IQueryable<FeedEntry> ItemsOf(IQueryable<Article> articles, FeedKind kind) => kind == FeedKind.Rss
        ? articles.Select(a => new FeedEntry(a.Id, a.Slug, a.PublishedUtc, a.UpdatedUtc, a.Author == null ? null : a.Author.Slug, a.FeedItem == null ? Array.Empty<byte>() : a.FeedItem.Rss))
        : articles.Select(a => new FeedEntry(a.Id, a.Slug, a.PublishedUtc, a.UpdatedUtc, a.Author == null ? null : a.Author.Slug, a.FeedItem == null ? Array.Empty<byte>() : a.FeedItem.Json));

    /// <summary>A feed shows its listing and, whole, each of its articles with its author.</summary>
    public void RecordDependencies(HttpContext context, FeedScope scope, string? slug)
    {
        context.DependsOn(scope switch
        {
            FeedScope.Author => ContentKeys.AuthorListing(slug!),
            FeedScope.Tag => ContentKeys.Tag(slug!),
            FeedScope.Section => ContentKeys.Section(slug!),
            // Both editions' front pages and feeds (an article's language is one more thing it may change).
            _ => ContentKeys.Newest,
        });
        if (scope == FeedScope.Author)
        {
            context.DependsOn(ContentKeys.Author(slug!));
        }

        foreach (var entry in Entries)
        {
            // The body key alone: every change of an article touches it (the teaser key is for pages showing only
            // the teaser), and a feed of 50 items must keep its keys header within a shared cache's header limit.
            context.DependsOn(ContentKeys.ArticleBody(entry.Slug));
            if (entry.AuthorSlug is { } author)
            {
                context.DependsOn(ContentKeys.Author(author));
            }
        }
    }

    /// <summary>When the feed last changed: its newest item's update, or <paramref name="nowUtc"/> for an empty feed.</summary>
    public DateTime LastModifiedUtc(DateTime nowUtc) => Entries.Count == 0 ? nowUtc : Entries.Max(e => e.ModifiedUtc);
}
