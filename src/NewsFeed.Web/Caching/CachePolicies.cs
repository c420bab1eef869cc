namespace NewsFeed.Web.Caching;

/// <summary>Names of the page cache policies (<see cref="PageCacheAttribute"/>).</summary>
public static class CachePolicies
{
    public const string Pages = "pages";
    public const string Feeds = "feeds";
    public const string Search = "search";
}
