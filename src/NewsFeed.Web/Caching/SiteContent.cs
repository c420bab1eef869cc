using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Search;

namespace NewsFeed.Web.Caching;

/// <summary>
/// The one place a content change is published (<see cref="ChangedAsync"/>), by the import, scheduled publishing and
/// the watch on other instances' imports alike. What listens: the in-memory listings and search index (kept in step first), the page cache (evicts what the change touched), the
/// section navigation (read again when a section's articles moved, and every page evicted when its links changed),
/// the shared caches in front (<see cref="SharedCachePurge"/>), each page's Last-Modified, and whoever waits for
/// <see cref="NextChange"/>.
/// </summary>
public sealed partial class SiteContent(
    PageCache cache, SiteListings listings, HomeFeedItems homeFeeds, SearchIndex search, SharedCachePurge purge, IServiceScopeFactory scopes, TimeProvider time, ILogger<SiteContent> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _changedAt = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _baseline = Truncate(time.GetUtcNow());
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<SectionLink>? _sections;

    /// <summary>The last change published (preview says what a save touched), or null before the first.</summary>
    public ContentChange? LastChange { get; private set; }

    /// <summary>Completes at the next change (the scheduler re-reads the next due article then).</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    /// <summary>The Last-Modified of a page that shows what <paramref name="keys"/> name: the latest change of any of them.</summary>
    public DateTimeOffset LastModifiedOf(IEnumerable<string> keys)
    {
        var last = _baseline;
        foreach (var key in keys)
        {
            if (_changedAt.TryGetValue(key, out var at) && at > last)
            {
                last = at;
            }
        }

        return last;
    }

    /// <summary>The sections with at least one public article, for the header of every page; read once per change.</summary>
    public async Task<IReadOnlyList<SectionLink>> SectionsAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _sections) ?? (_sections = await ReadSectionsAsync(cancellationToken));

    public async Task ChangedAsync(ContentChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = Truncate(time.GetUtcNow());
            if (change.Everything)
            {
                _baseline = now;
                _changedAt.Clear();
                Volatile.Write(ref _sections, null);
            }
            else
            {
                if (change.Keys.Any(k => k.StartsWith(ContentKeys.Section(""), StringComparison.Ordinal)))
                {
                    // A section's articles moved: its link may have come or gone, and every page shows the links.
                    var before = Volatile.Read(ref _sections);
                    var after = await ReadSectionsAsync(cancellationToken);
                    Volatile.Write(ref _sections, after);
                    if (before is null || !before.SequenceEqual(after))
                    {
                        change = change.With(new ContentChange(new HashSet<string>(StringComparer.Ordinal) { ContentKeys.SectionNav }));
                    }
                }

                foreach (var key in change.Keys)
                {
                    _changedAt[key] = now;
                }
            }

            // Before the pages go: a listing, feed or search page made again from here on must show what changed.
            homeFeeds.Forget();
            await listings.ApplyAsync(change, cancellationToken);
            await search.ApplyAsync(change, cancellationToken);
            LastChange = change;
            var evicted = cache.Evict(change);
            purge.Enqueue(change);
            LogChanged(change.Everything ? "everything" : $"{change.Keys.Count} keys", evicted);
            Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<SectionLink>> ReadSectionsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var isPublic = ArticleQueries.IsPublic(time.GetUtcNow().UtcDateTime);
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        return await db.Sections
            .Where(s => s.Articles.AsQueryable().Any(isPublic))
            .OrderBy(s => s.Name)
            .Select(s => new SectionLink(s.Slug, s.Name))
            .ToListAsync(cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content change ({Touched}): {Evicted} cached pages evicted")]
    private partial void LogChanged(string touched, int evicted);
}

/// <summary>A section link in the header.</summary>
public sealed record SectionLink(string Slug, string Name);
