using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Caching;

/// <summary>
/// How an instance learns that another instance's import changed the shared store: every import writes a new
/// <see cref="Key"/> in its transaction, and this service reads it every <see cref="CachingOptions.StorePollSeconds"/>.
/// A new value is a content change here too (<see cref="SiteContent.ChangedAsync"/>): cached pages go, and
/// the next reader gets what the store holds now (after this instance's own imports that means one more
/// eviction than needed, which costs a render per page). One row read by its key, so polling costs next to nothing,
/// and it works the same on SQLite (several processes on one file) and PostgreSQL, with no other server.
/// </summary>
public sealed partial class StoreChanges(
    IServiceScopeFactory scopes, SiteContent content, IOptions<CachingOptions> options, TimeProvider time, ILogger<StoreChanges> logger)
    : BackgroundService
{
    /// <summary>The <see cref="StoreInfo"/> key an import rewrites when it commits.</summary>
    public const string Key = "content";

    private string? _seen;

    /// <summary>Writes a new content version; called by the import inside its transaction.</summary>
    public static async Task StampAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid().ToString("N");
        if (await db.StoreInfo.Where(i => i.Key == Key).ExecuteUpdateAsync(s => s.SetProperty(i => i.Value, version), cancellationToken) == 0)
        {
            db.StoreInfo.Add(new StoreInfo { Key = Key, Value = version });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The version the store holds before the first page is served (the startup import has set up the store by
    /// now): a change from here on, by anyone, is news. Read later, a change made meanwhile would be taken as
    /// the starting point, and pages cached before it would stay.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.StorePollSeconds > 0)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                _seen = await StoreInitializer.ReadInfoAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), Key, cancellationToken);
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
                var current = await StoreInitializer.ReadInfoAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), Key, stoppingToken);
                var seen = Interlocked.Exchange(ref _seen, current);
                if (current != seen)
                {
                    LogChanged();
                    await content.ChangedAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The store's content changed (another instance imported); cached pages evicted")]
    private partial void LogChanged();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the store's content version; trying again")]
    private partial void LogFailed(Exception exception);
}
