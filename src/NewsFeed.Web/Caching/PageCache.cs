using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace NewsFeed.Web.Caching;

/// <summary>
/// Whole responses of public pages and feeds (status 200, headers and body, already compressed), kept in memory
/// until content changes. A hit is answered at the very front of the pipeline (<see cref="PageCacheLookup"/>),
/// so serving a cached page costs about what serving a static file from memory costs; a miss goes through the
/// whole pipeline and is stored on the way out (<see cref="PageCacheFill"/>).
/// </summary>
/// <remarks>
/// Each entry keeps the dependency keys its page recorded (<see cref="PageDependencies"/>), and a content change
/// evicts exactly the entries whose keys it names (<see cref="Evict"/>). A page rendered before a change and stored
/// after it is refused by the eviction sequence: every eviction of a key is numbered, and an entry rendered before
/// the last eviction of one of its keys is not kept. A change of everything replaces the whole generation. Within a
/// generation the memory budget is kept by a sweep (entries not hit since the previous sweep go first), so a hit only
/// bumps a counter.
/// </remarks>
public sealed class PageCache(IOptions<CachingOptions> options, IResponseCompressionProvider compression, IMeterFactory meters)
{
    private const int MaxCodingMemo = 64;

    private readonly long _budget = options.Value.SizeLimitMegabytes * 1024L * 1024L;
    private readonly ConcurrentDictionary<string, string> _codings = new(StringComparer.Ordinal);
    private readonly (Counter<long> Hits, Counter<long> Misses) _counters = CreateCounters(meters);
    private readonly ConcurrentDictionary<string, long> _evictedAt = new(StringComparer.Ordinal);
    private Generation _current = new();
    private long _sequence;

    /// <summary>Bytes held by the current generation (bodies and header values, roughly).</summary>
    public long Bytes => Volatile.Read(ref _current).Bytes;

    /// <summary>Entries in the current generation.</summary>
    public int Count => Volatile.Read(ref _current).Paths.Values.Sum(p => p.Entries.Count);

    /// <summary>Forgets every page (the store was rebuilt, settings changed).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _sequence);
        Volatile.Write(ref _current, new Generation());
    }

    /// <summary>The eviction sequence now: taken before a page renders, and handed to <see cref="Add"/> with it.</summary>
    internal long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Forgets every page that shows something <paramref name="change"/> touched; the rest stay.</summary>
    /// <returns>How many entries went.</returns>
    public int Evict(ContentChange change)
    {
        if (change.Everything)
        {
            var count = Count;
            Clear();
            return count;
        }

        // Numbered first, removed second: an entry stored meanwhile either sees the number and removes itself, or is
        // already in the key index when the removal below walks it.
        var sequence = Interlocked.Increment(ref _sequence);
        foreach (var key in change.Keys)
        {
            _evictedAt[key] = sequence;
        }

        var generation = Current;
        var evicted = 0;
        foreach (var key in change.Keys)
        {
            if (generation.ByKey.TryRemove(key, out var entries))
            {
                foreach (var (entry, node) in entries)
                {
                    evicted += Remove(generation, node, entry) ? 1 : 0;
                }
            }
        }

        return evicted;
    }

    internal Generation Current => Volatile.Read(ref _current);

    internal bool TryGet(HttpContext context, out PageCacheEntry entry)
    {
        var request = context.Request;
        var generation = Current;
        if (request.Path.Value is { } path && generation.Paths.TryGetValue(path, out var node)
            && node.Entries.TryGetValue(SubKey(context, node.VaryByQuery), out entry!)
            && entry.Scheme == request.Scheme && entry.Host == request.Host.Value)
        {
            if (Stopwatch.GetTimestamp() < entry.ExpiresAt)
            {
                entry.Hits++;
                _counters.Hits.Add(1);
                return true;
            }

            node.Entries.TryRemove(new KeyValuePair<string, PageCacheEntry>(SubKey(context, node.VaryByQuery), entry));
        }

        _counters.Misses.Add(1);
        entry = null!;
        return false;
    }

    internal void Add(Generation generation, HttpContext context, string[] varyByQuery, PageCacheEntry entry, long renderedAt)
    {
        if (entry.Size > _budget / 4 || IsStale(entry, renderedAt))
        {
            return;
        }

        var node = generation.Paths.GetOrAdd(context.Request.Path.Value!, static (_, vary) => new PathNode(vary), varyByQuery);
        if (!node.VaryByQuery.AsSpan().SequenceEqual(varyByQuery))
        {
            // One path, one endpoint: a path whose rules changed (not expected) is simply not cached.
            return;
        }

        var key = entry.SubKey;
        if (node.Entries.TryGetValue(key, out var old))
        {
            if (node.Entries.TryUpdate(key, entry, old))
            {
                Interlocked.Add(ref generation.Bytes, entry.Size - old.Size);
                foreach (var dependency in old.Keys)
                {
                    if (generation.ByKey.TryGetValue(dependency, out var entries))
                    {
                        entries.TryRemove(old, out _);
                    }
                }
            }
        }
        else if (node.Entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref generation.Bytes, entry.Size);
        }

        foreach (var dependency in entry.Keys)
        {
            generation.ByKey.GetOrAdd(dependency, static _ => new()).TryAdd(entry, node);
        }

        if (IsStale(entry, renderedAt))
        {
            // A change evicted one of its keys while this was being stored.
            Remove(generation, node, entry);
        }

        if (Volatile.Read(ref generation.Bytes) > _budget)
        {
            Sweep(generation);
        }
    }

    private bool IsStale(PageCacheEntry entry, long renderedAt)
    {
        foreach (var key in entry.Keys)
        {
            if (_evictedAt.TryGetValue(key, out var evicted) && evicted > renderedAt)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Remove(Generation generation, PathNode node, PageCacheEntry entry)
    {
        if (!node.Entries.TryRemove(new KeyValuePair<string, PageCacheEntry>(entry.SubKey, entry)))
        {
            return false;
        }

        Interlocked.Add(ref generation.Bytes, -entry.Size);
        foreach (var key in entry.Keys)
        {
            if (generation.ByKey.TryGetValue(key, out var entries))
            {
                entries.TryRemove(entry, out _);
            }
        }

        return true;
    }

    /// <summary>Entries not hit since the last sweep go; the rest start counting again. If that is not enough, all go.</summary>
    private void Sweep(Generation generation)
    {
        if (!Monitor.TryEnter(generation))
        {
            return;
        }

        try
        {
            foreach (var node in generation.Paths.Values)
            {
                foreach (var (_, entry) in node.Entries)
                {
                    if (entry.Hits == 0)
                    {
                        Remove(generation, node, entry);
                    }

                    entry.Hits = 0;
                }
            }

            if (Volatile.Read(ref generation.Bytes) > _budget * 3 / 4)
            {
                // Only this generation: a sweep of one that a content change already retired must not empty the new one.
                Interlocked.CompareExchange(ref _current, new Generation(), generation);
            }
        }
        finally
        {
            Monitor.Exit(generation);
        }
    }

    /// <summary>
    /// The content coding the compression middleware will choose for this request ("br", "gzip" or "identity"),
    /// remembered per distinct Accept-Encoding value: browsers send a handful of spellings, and parsing one
    /// with its quality values on every hit would cost more than the hit itself.
    /// </summary>
    internal string Coding(HttpContext context)
    {
        var accept = context.Request.Headers.AcceptEncoding;
        if (accept.Count == 0)
        {
            return "identity";
        }

        var value = accept.Count == 1 ? accept[0] ?? "" : accept.ToString();
        if (_codings.TryGetValue(value, out var coding))
        {
            return coding;
        }

        coding = compression.CheckRequestAcceptsCompression(context)
            ? compression.GetCompressionProvider(context)?.EncodingName ?? "identity"
            : "identity";
        if (_codings.Count < MaxCodingMemo)
        {
            _codings.TryAdd(value, coding);
        }

        return coding;
    }

    private static (Counter<long>, Counter<long>) CreateCounters(IMeterFactory meters)
    {
        var meter = meters.Create("NewsFeed.PageCache");
        return (meter.CreateCounter<long>("newsfeed.page_cache.hits"), meter.CreateCounter<long>("newsfeed.page_cache.misses"));
    }

    internal string SubKey(HttpContext context, string[] varyByQuery)
    {
        var coding = Coding(context);
        if (varyByQuery.Length == 0)
        {
            return coding;
        }

        var query = context.Request.Query;
        return string.Join('\n', varyByQuery.Select(k => query[k].ToString()).Prepend(coding));
    }

    internal sealed class Generation
    {
        public readonly ConcurrentDictionary<string, PathNode> Paths = new(StringComparer.Ordinal);

        /// <summary>Dependency key to the entries that recorded it (with the path node that holds each).</summary>
        public readonly ConcurrentDictionary<string, ConcurrentDictionary<PageCacheEntry, PathNode>> ByKey = new(StringComparer.Ordinal);

        public long Bytes;
    }

    /// <summary>The entries of one path: one per content coding and value of the query keys its endpoint varies by.</summary>
    internal sealed class PathNode(string[] varyByQuery)
    {
        public string[] VaryByQuery { get; } = varyByQuery;

        public ConcurrentDictionary<string, PageCacheEntry> Entries { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One stored response: what a hit sends, header for header and byte for byte.</summary>
internal sealed class PageCacheEntry(
    string scheme, string host, KeyValuePair<string, StringValues>[] headers, byte[] body, EntityTagHeaderValue? etag, DateTimeOffset? lastModified,
    long expiresAt, string subKey, string[] keys)
{
    /// <summary>Which of its path's entries this is (content coding, query values).</summary>
    public string SubKey { get; } = subKey;

    /// <summary>The dependency keys its page recorded: a change naming one of them evicts it.</summary>
    public string[] Keys { get; } = keys;

    /// <summary>Scheme and host of the request it answered: HSTS, for one, is sent on HTTPS and not for localhost.</summary>
    public string Scheme { get; } = scheme;

    public string Host { get; } = host;

    public KeyValuePair<string, StringValues>[] Headers { get; } = headers;

    public byte[] Body { get; } = body;

    public EntityTagHeaderValue? ETag { get; } = etag;

    public DateTimeOffset? LastModified { get; } = lastModified;

    public long StoredAt { get; } = Stopwatch.GetTimestamp();

    public long ExpiresAt { get; } = expiresAt;

    public long Size { get; } = body.Length + (headers.Sum(h => h.Key.Length + h.Value.ToString().Length) * sizeof(char)) + 256;

    /// <summary>Hits since the last sweep; a plain field, as a lost increment only makes the sweep less exact.</summary>
    public int Hits;
}
