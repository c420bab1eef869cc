using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Listings;

/// <summary>
/// This instance's <see cref="ListingSet"/>: read whole at the first listing page, then kept in step by every content
/// change (<see cref="ApplyAsync"/>, called by <see cref="SiteContent"/> before any page is evicted, so a listing made
/// again after a change shows it). A listing page then reads no row: its query and the statement it prepared were
/// most of its time (README, "Decisions"). A change names its articles, authors and sections by slug; only their rows
/// are read again. Each instance has its own and learns other instances' imports through the same changes.
/// </summary>
public sealed partial class SiteListings(IServiceScopeFactory scopes, ILogger<SiteListings> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ListingSet? _set;

    /// <summary>The listings, read from the store first if nothing has asked since the start or the last change of everything.</summary>
    public async ValueTask<ListingSet> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _set) is { } set)
        {
            return set;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_set is null)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var read = new ListingSet(await ReadAsync(null, cancellationToken));
                Volatile.Write(ref _set, read);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                LogRead(read.Count, elapsed);
            }

            return _set;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Page <paramref name="number"/> of <paramref name="listing"/> as a page shows it: what <see cref="PreviewQueries.IsVisible"/> lets through now.</summary>
    public async Task<ArticlePage> PageAsync(Listing listing, int number, DateTime nowUtc, PreviewOptions preview, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).Page(listing, number, c => PreviewQueries.IsVisible(c.IsDraft, c.PublishedUtc, nowUtc, preview));

    /// <summary>Reads again the articles <paramref name="change"/> names; a change of everything drops the set until it is next asked for.</summary>
    public async Task ApplyAsync(ContentChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_set is not { } set)
            {
                return;
            }

            var slugs = ContentKeys.Named(change, ContentKeys.ArticleBody(""));
            var authors = ContentKeys.Named(change, ContentKeys.Author(""));
            var sections = ContentKeys.Named(change, ContentKeys.Section(""));
            if (change.Everything || slugs.Count > Math.Max(1000, set.Count / 4))
            {
                Volatile.Write(ref _set, null);
                return;
            }

            // A card shows its author's and section's names: their articles are read again too, by slug, so that one
            // whose author file went (no author now) is replaced as well.
            slugs.UnionWith(set.Slugs(c => (c.AuthorSlug is { } a && authors.Contains(a)) || (c.SectionSlug is { } s && sections.Contains(s))));
            if (slugs.Count == 0)
            {
                return;
            }

            var read = await ReadAsync(new Filter(slugs, authors, sections), cancellationToken);
            Volatile.Write(ref _set, set.With(read, c => slugs.Contains(c.Slug)));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The articles to read: these slugs, and every article by these authors or in these sections.</summary>
    private sealed record Filter(HashSet<string> Slugs, HashSet<string> Authors, HashSet<string> Sections);

    private async Task<List<ListedArticle>> ReadAsync(Filter? filter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var articles = db.Articles.AsNoTracking();
        if (filter is not null)
        {
            var (slugs, authors, sections) = (filter.Slugs.ToList(), filter.Authors.ToList(), filter.Sections.ToList());
            articles = articles.Where(a => slugs.Contains(a.Slug)
                || (a.Author != null && authors.Contains(a.Author.Slug))
                || (a.Section != null && sections.Contains(a.Section.Slug)));
        }

        // Two statements, not a join per card: the teasers as every listing shows them, then who is tagged what.
        var cards = await articles.ToCard().ToListAsync(cancellationToken);
        var tags = (await articles.SelectMany(a => a.Tags, (a, t) => new { a.Id, t.Slug }).ToListAsync(cancellationToken))
            .ToLookup(t => t.Id, t => t.Slug);
        return [.. cards.Select(c => new ListedArticle(c, [.. tags[c.Id]]))];
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Listings read: {Articles} articles in {Elapsed}")]
    private partial void LogRead(int articles, TimeSpan elapsed);
}
