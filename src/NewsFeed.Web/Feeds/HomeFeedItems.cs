using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;

namespace NewsFeed.Web.Feeds;

/// <summary>
/// The stored items of the articles the editions' home feeds show, kept in memory from one content change to the next.
/// The home feeds are what feed readers and crawlers poll; reading their 50 full items per request (some 400 KB of
/// overflow pages copied into 50 arrays) was most of an uncached feed's time (bench/README.md, "Profile"). Which
/// articles a feed holds is still decided per request, from the listings by the public rule, so a scheduled article is
/// in the feed the moment it is due; every content change forgets the items (<see cref="Caching.SiteContent"/>), and
/// the next request reads the ones it needs again, in one query by id.
/// </summary>
public sealed class HomeFeedItems(SiteListings listings)
{
    /// <summary>Beyond this (many editions, or articles coming due all day) items are read per request, not kept.</summary>
    private const int MaxKept = 1000;

    private ConcurrentDictionary<(int Id, FeedKind Kind), FeedEntry> _items = new();
    private long _generation;

    /// <summary>Drops every item kept: called on every content change, before the pages showing it are evicted.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _items, new());
    }

    /// <summary>The newest <see cref="Feed.ItemCount"/> public articles in <paramref name="language"/>, newest first, as items of <paramref name="kind"/>.</summary>
    internal async Task<IReadOnlyList<FeedEntry>> NewestAsync(
        NewsDbContext db, string language, FeedKind kind, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // Taken first: an item read after a change began is kept only if no change came in between.
        var generation = Interlocked.Read(ref _generation);
        var items = Volatile.Read(ref _items);
        var set = await listings.GetAsync(cancellationToken);
        var ids = set.Newest(Listing.Edition(language), Feed.ItemCount, c => ArticleQueries.IsPublicAt(c.IsDraft, c.PublishedUtc, nowUtc));
        var missing = ids.Where(id => !items.ContainsKey((id, kind))).ToList();
        Dictionary<int, FeedEntry> read = [];
        if (missing.Count > 0)
        {
            read = await Feed.ItemsOf(db.Articles.Where(a => missing.Contains(a.Id)), kind).ToDictionaryAsync(e => e.Id, cancellationToken);
            if (Interlocked.Read(ref _generation) == generation && items.Count + read.Count <= MaxKept)
            {
                foreach (var (id, entry) in read)
                {
                    items.TryAdd((id, kind), entry);
                }
            }
        }

        // An article deleted since the listings were read is simply not in the feed.
        var entries = new List<FeedEntry>(ids.Count);
        foreach (var id in ids)
        {
            if (items.TryGetValue((id, kind), out var entry) || read.TryGetValue(id, out entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
