using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Caching;

/// <summary>
/// How an instance learns what another instance's import changed in the shared store: every import records its
/// <see cref="ContentChange"/> (<see cref="RecordAsync"/>, in its transaction), and this service reads the records
/// newer than the last it saw every <see cref="CachingOptions.StorePollSeconds"/> and publishes each as a change
/// here (<see cref="SiteContent.ChangedAsync"/>): the same pages go as on the importing instance, and no others. One
/// indexed range read per poll, the same on SQLite (several processes on one file) and PostgreSQL, with no other
/// server. The records this instance wrote itself are skipped: it has applied them already.
/// </summary>
public sealed partial class StoreChanges(
    IServiceScopeFactory scopes, SiteContent content, IOptions<CachingOptions> options, TimeProvider time, ILogger<StoreChanges> logger)
    : BackgroundService
{
    /// <summary>Records older than this are deleted by the next import; an instance away longer starts with an empty cache anyway.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    private readonly HashSet<long> _written = [];

    private long _seen;

    /// <summary>Records <paramref name="change"/> in the import's transaction (nothing for an empty change).</summary>
    /// <returns>The record's id, for <see cref="Written"/> once the transaction has committed.</returns>
    public static async Task<long?> RecordAsync(NewsDbContext db, ContentChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
        {
            return null;
        }

        var now = DateTime.UtcNow;
        var record = new ContentChangeRecord { Keys = change.ToString(), RecordedUtc = now };
        db.ContentChanges.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        var old = now - Kept;
        await db.ContentChanges.Where(c => c.RecordedUtc < old).ExecuteDeleteAsync(cancellationToken);
        return record.Id;
    }

    /// <summary>A record this instance wrote (and has applied): the poll skips it.</summary>
    public void Written(long id)
    {
        if (options.Value.StorePollSeconds <= 0)
        {
            // Nothing reads the records back here, so nothing needs skipping (and the set would only grow).
            return;
        }

        lock (_written)
        {
            _written.Add(id);
        }
    }

    /// <summary>
    /// The newest record before the first page is served (the startup import has set up the store by now): a change
    /// from here on, by anyone, is news.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.StorePollSeconds > 0)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                _seen = await scope.ServiceProvider.GetRequiredService<NewsDbContext>().ContentChanges
                    .MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            }
            catch (System.Data.Common.DbException e)
            {
                LogFailed(e);
            }
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.StorePollSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var seen = _seen;
                var records = await scope.ServiceProvider.GetRequiredService<NewsDbContext>().ContentChanges
                    .Where(c => c.Id > seen)
                    .OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.Keys })
                    .ToListAsync(stoppingToken);
                foreach (var record in records)
                {
                    _seen = record.Id;
                    bool ours;
                    lock (_written)
                    {
                        ours = _written.Remove(record.Id);
                    }

                    if (!ours)
                    {
                        LogChanged(record.Id);
                        await content.ChangedAsync(ContentChange.Parse(record.Keys), stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // A store that is being rebuilt, or briefly unreachable: the next tick looks again.
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance's import changed the store (change {ChangeId}); its pages evicted here too")]
    private partial void LogChanged(long changeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the store's content changes; trying again")]
    private partial void LogFailed(Exception exception);
}
