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

/// <summary>An article as the feeds show it; <see cref="Html"/> is the stored feed HTML (absolute URLs, hero first).</summary>
internal sealed record FeedEntry(
    string Slug, string Headline, string Excerpt, string Html, DateTime PublishedUtc, DateTime? UpdatedUtc,
    HeroImage? Image, FeedAuthor? Author, List<string> Tags)
{
    public DateTime ModifiedUtc => UpdatedUtc ?? PublishedUtc;
}

internal sealed record FeedAuthor(string Slug, string Name);

/// <summary>One feed, format-neutral: RSS and JSON Feed are both written from this. URLs are absolute.</summary>
internal sealed record Feed(
    string Title, string Description, string PageUrl, string RssUrl, string JsonUrl, IReadOnlyList<FeedEntry> Entries)
{
    /// <summary>Newest public articles in a feed; readers only look at the top, and 50 keeps the feed small.</summary>
    public const int ItemCount = 50;

    /// <summary>
    /// Loads the feed of <paramref name="scope"/> (<paramref name="slug"/> names the author, tag or section),
    /// or null when there is no such author, or no public article has that tag or section: a tag or section
    /// that only drafts use must not show its name to the public.
    /// </summary>
    public static async Task<Feed?> LoadAsync(
        NewsDbContext db, FeedScope scope, string? slug, DateTime nowUtc, SiteOptions site, CancellationToken cancellationToken)
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
            _ => (site.Name, published),
        };
        if (name is null)
        {
            return null;
        }

        // One query, no joins and no HTML parsing: the feed HTML, author and tags were made at import (ArticleViews).
        var entries = (await articles
            .Newest()
            .Take(ItemCount)
            .Select(a => new { a.Slug, a.Headline, a.Excerpt, a.FeedHtml, a.PublishedUtc, a.UpdatedUtc, a.Image, a.View })
            .ToListAsync(cancellationToken))
            .Select(a => (Row: a, View: ArticleViews.Parse(a.View)))
            .Select(a => new FeedEntry(
                a.Row.Slug, a.Row.Headline, a.Row.Excerpt, a.Row.FeedHtml, a.Row.PublishedUtc, a.Row.UpdatedUtc, a.Row.Image,
                a.View.Author is { } author ? new FeedAuthor(author.Slug, author.Name) : null,
                [.. a.View.Tags.Select(t => t.Name)]))
            .ToList();

        var key = slug ?? "";
        return scope switch
        {
            FeedScope.Author => new Feed($"{site.Name}: {name}", $"The latest articles by {name}.",
                site.Absolute(PagePaths.Author(key)), site.Absolute(FeedLinks.AuthorRss(key)), site.Absolute(FeedLinks.AuthorJson(key)), entries),
            FeedScope.Tag => new Feed($"{site.Name}: {name}", $"The latest articles tagged {name}.",
                site.Absolute(PagePaths.Tag(key)), site.Absolute(FeedLinks.TagRss(key)), site.Absolute(FeedLinks.TagJson(key)), entries),
            FeedScope.Section => new Feed($"{site.Name}: {name}", $"The latest articles in {name}.",
                site.Absolute(PagePaths.Section(key)), site.Absolute(FeedLinks.SectionRss(key)), site.Absolute(FeedLinks.SectionJson(key)), entries),
            _ => new Feed(site.Name, site.Description, site.Absolute(PagePaths.Home),
                site.Absolute(FeedLinks.HomeRss), site.Absolute(FeedLinks.HomeJson), entries),
        };
    }

    /// <summary>A feed shows its listing and, whole, each of its articles with its author.</summary>
    public void RecordDependencies(HttpContext context, FeedScope scope, string? slug)
    {
        context.DependsOn(scope switch
        {
            FeedScope.Author => ContentKeys.AuthorListing(slug!),
            FeedScope.Tag => ContentKeys.Tag(slug!),
            FeedScope.Section => ContentKeys.Section(slug!),
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
            if (entry.Author is { } author)
            {
                context.DependsOn(ContentKeys.Author(author.Slug));
            }
        }
    }

    /// <summary>When the feed last changed: its newest item's update, or <paramref name="nowUtc"/> for an empty feed.</summary>
    public DateTime LastModifiedUtc(DateTime nowUtc) => Entries.Count == 0 ? nowUtc : Entries.Max(e => e.ModifiedUtc);
}
