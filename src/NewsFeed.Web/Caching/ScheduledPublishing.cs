using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Caching;

/// <summary>
/// A scheduled article becomes public at its PublishedUtc, with no import to evict the cache: this timer
/// waits for the next such moment (re-reading it after every import) and then counts it as a content change.
/// </summary>
public sealed partial class ScheduledPublishing(
    IServiceScopeFactory scopes, SiteContent content, TimeProvider time, ILogger<ScheduledPublishing> logger) : BackgroundService
{
    // Task.Delay's limit is about 49 days; waking up daily to look again costs nothing.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = content.NextChange;
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                var next = await NextDueAsync(now, stoppingToken);
                var wait = next is { } due ? due - now : MaxWait;
                wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;

                var timer = Task.Delay(wait, time, stoppingToken);
                if (await Task.WhenAny(timer, changed) == timer)
                {
                    await timer;
                    if (next is { } published && published <= time.GetUtcNow().UtcDateTime)
                    {
                        LogDue(published);
                        // Every article due by now appears: as if it had been added, on its page and in its listings.
                        var appeared = await DueAsync(now, time.GetUtcNow().UtcDateTime, stoppingToken);
                        await content.ChangedAsync(ArticleFacts.Changes(appeared.Select(a => ((ArticleFacts?)null, (ArticleFacts?)a))), stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A failed look-up must not stop the site; try again in a minute.
                LogFailed(e);
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<DateTime?> NextDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        return await db.Articles.Where(a => !a.IsDraft && a.PublishedUtc > now)
            .OrderBy(a => a.PublishedUtc)
            .Select(a => (DateTime?)a.PublishedUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<List<ArticleFacts>> DueAsync(DateTime after, DateTime until, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        // Read as they are; the caller passes them as new articles (nothing before them).
        return await ArticleFacts.ReadAsync(db.Articles.Where(a => !a.IsDraft && a.PublishedUtc > after && a.PublishedUtc <= until), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled article due at {PublishedUtc:o} is public now; the pages that list it are evicted")]
    private partial void LogDue(DateTime publishedUtc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the next scheduled article")]
    private partial void LogFailed(Exception exception);
}
