namespace NewsFeed.Web.Caching;

/// <summary>
/// Marks a page or endpoint whose 200 responses <see cref="PageCache"/> keeps until content changes, under one of
/// the policies of <see cref="CachePolicies"/> (how long, and which query keys make a different page).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PageCacheAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
