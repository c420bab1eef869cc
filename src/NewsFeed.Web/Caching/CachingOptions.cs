using System.ComponentModel.DataAnnotations;

namespace NewsFeed.Web.Caching;

/// <summary>Output caching of public pages and feeds (<c>NewsFeed:OutputCache</c>).</summary>
public sealed class CachingOptions
{
    public const string Section = "NewsFeed:OutputCache";

    /// <summary>
    /// Keep rendered pages and feeds (compressed once per encoding) until the next import. Off, every request
    /// renders; the benchmark compares both. Preview mode never caches, whatever this says.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a cached page or feed lives at most; imports and scheduled articles evict it sooner.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int PageSeconds { get; set; } = 24 * 3600;

    /// <summary>How long a search result page (one entry per query and page) lives.</summary>
    [Range(1, 24 * 3600)]
    public int SearchSeconds { get; set; } = 300;

    /// <summary>
    /// How often (seconds) an instance checks whether another instance's import changed the shared store (and so
    /// evicts its own cached pages); 0 turns it off, for a store only this process writes.
    /// </summary>
    [Range(0, 3600)]
    public int StorePollSeconds { get; set; } = 2;

    /// <summary>
    /// The <c>Cache-Control</c> of every page and feed. The default lets browsers keep nothing without asking (they
    /// revalidate, and get a 304 while the page is unchanged) and lets a shared cache in front keep a page for ten
    /// minutes and serve it a little stale while it fetches a new one; NewsFeed purges that cache by key on every
    /// change (<see cref="PurgeUrls"/>), so the ten minutes are a bound for a cache that is not told.
    /// </summary>
    [Required]
    public string CacheControl { get; set; } = "public, max-age=0, s-maxage=600, stale-while-revalidate=30";

    /// <summary>
    /// The response header that lists a page's dependency keys, space-separated, for a shared cache to purge by:
    /// <c>xkey</c> (Varnish with varnish-modules), <c>Surrogate-Key</c> (Fastly), <c>Cache-Tag</c> (Cloudflare). Empty:
    /// not sent.
    /// </summary>
    public string KeysHeader { get; set; } = "xkey";

    /// <summary>
    /// Shared caches to purge after each change: each gets a <c>PURGE</c> request whose <see cref="KeysHeader"/>-named
    /// <c>-purge</c> header (<c>xkey-purge</c>) lists the change's keys (<c>all</c> for everything); see deploy/varnish.
    /// </summary>
    public IList<Uri> PurgeUrls { get; } = [];

    /// <summary>The cache's memory budget; least recently used entries go first when it is full.</summary>
    [Range(1, 4096)]
    public int SizeLimitMegabytes { get; set; } = 100;
}
