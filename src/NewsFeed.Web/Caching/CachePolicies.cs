namespace NewsFeed.Web.Caching;

/// <summary>Names of the output cache policies, and the tag every import evicts.</summary>
public static class CachePolicies
{
    public const string Pages = "pages";
    public const string Feeds = "feeds";
    public const string Search = "search";

    /// <summary>Everything derived from the store carries this tag.</summary>
    public const string ContentTag = "content";
}
