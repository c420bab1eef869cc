using Microsoft.AspNetCore.OutputCaching;

namespace NewsFeed.Web.Caching;

/// <summary>
/// When what readers see last changed: after every import, and when a scheduled article comes due. Each change
/// evicts the cached pages and feeds (<see cref="CachePolicies.ContentTag"/>) and moves <see cref="LastModified"/>.
/// </summary>
public sealed class SiteContent(IOutputCacheStore store, TimeProvider time)
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The Last-Modified of every page and feed: whole seconds, as HTTP dates have no more.</summary>
    public DateTimeOffset LastModified { get; private set; } = Truncate(time.GetUtcNow());

    /// <summary>Completes at the next change (the scheduler re-reads the next due article then).</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        LastModified = Truncate(time.GetUtcNow());
        await store.EvictByTagAsync(CachePolicies.ContentTag, cancellationToken);
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
