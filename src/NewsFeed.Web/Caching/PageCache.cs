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
/// Entries live in a generation that <see cref="Clear"/> replaces: a page rendered from old content and stored
/// after a change lands in the dead generation and is never served. Within a generation the memory budget is kept
/// by a sweep (entries not hit since the previous sweep go first), so a hit only bumps a counter.
/// </remarks>
public sealed class PageCache(IOptions<CachingOptions> options, IResponseCompressionProvider compression, IMeterFactory meters)
{
    private const int MaxCodingMemo = 64;

    private readonly long _budget = options.Value.SizeLimitMegabytes * 1024L * 1024L;
    private readonly ConcurrentDictionary<string, string> _codings = new(StringComparer.Ordinal);
    private readonly (Counter<long> Hits, Counter<long> Misses) _counters = CreateCounters(meters);
    private Generation _current = new();

    /// <summary>Bytes held by the current generation (bodies and header values, roughly).</summary>
    public long Bytes => Volatile.Read(ref _current).Bytes;

    /// <summary>Entries in the current generation.</summary>
    public int Count => Volatile.Read(ref _current).Paths.Values.Sum(p => p.Entries.Count);

    /// <summary>Forgets every page: called on every content change.</summary>
    public void Clear() => Volatile.Write(ref _current, new Generation());

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

    internal void Add(Generation generation, HttpContext context, string[] varyByQuery, PageCacheEntry entry)
    {
        if (entry.Size > _budget / 4)
        {
            return;
        }

        var node = generation.Paths.GetOrAdd(context.Request.Path.Value!, static (_, vary) => new PathNode(vary), varyByQuery);
        if (!node.VaryByQuery.AsSpan().SequenceEqual(varyByQuery))
        {
            // One path, one endpoint: a path whose rules changed (not expected) is simply not cached.
            return;
        }

        var key = SubKey(context, varyByQuery);
        if (node.Entries.TryGetValue(key, out var old))
        {
            if (node.Entries.TryUpdate(key, entry, old))
            {
                Interlocked.Add(ref generation.Bytes, entry.Size - old.Size);
            }
        }
        else if (node.Entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref generation.Bytes, entry.Size);
        }

        if (Volatile.Read(ref generation.Bytes) > _budget)
        {
            Sweep(generation);
        }
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
                foreach (var (key, entry) in node.Entries)
                {
                    if (entry.Hits == 0 && node.Entries.TryRemove(new KeyValuePair<string, PageCacheEntry>(key, entry)))
                    {
                        Interlocked.Add(ref generation.Bytes, -entry.Size);
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

    private string SubKey(HttpContext context, string[] varyByQuery)
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
    long expiresAt)
{
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
