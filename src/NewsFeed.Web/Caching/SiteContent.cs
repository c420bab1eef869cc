namespace NewsFeed.Web.Caching;

/// <summary>
/// When what readers see last changed: after every import, and when a scheduled article comes due. Each change
/// empties the <see cref="PageCache"/> and moves <see cref="LastModified"/>.
/// </summary>
public sealed class SiteContent(PageCache cache, TimeProvider time)
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>The Last-Modified of every page and feed: whole seconds, as HTTP dates have no more.</summary>
    public DateTimeOffset LastModified { get; private set; } = Truncate(time.GetUtcNow());

    /// <summary>Moves on at every change: what was derived from an older version is stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes at the next change (the scheduler re-reads the next due article then).</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    public Task ChangedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LastModified = Truncate(time.GetUtcNow());
        Interlocked.Increment(ref _version);
        cache.Clear();
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
