using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// Fills the store before the site serves: a hosted service's StartAsync finishes before Kestrel accepts
/// connections, so no request ever sees a half-imported store.
/// </summary>
public sealed partial class StartupImport(
    IServiceScopeFactory scopes, SeedImport import, SiteContent content, Microsoft.Extensions.Options.IOptions<Site.SiteOptions> site,
    IHostApplicationLifetime lifetime, ILogger<StartupImport> logger)
    : IHostedService
{
    /// <summary>
    /// The import started with the app. On a store that already holds content it runs in the background: the
    /// site serves what the store holds at once (a restart is not an outage), and the import's changes appear
    /// when it commits. On an empty store (first start, rebuilt schema) the app starts only once it is done.
    /// </summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        bool hasContent, newBuild;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            newBuild = await StoreInitializer.InitializeAsync(db, logger, System.Text.Json.JsonSerializer.Serialize(site.Value), cancellationToken);
            hasContent = await db.Articles.AnyAsync(cancellationToken);
        }

        if (newBuild)
        {
            // What no key names: pages a shared cache in front holds were rendered by another build (or store).
            await content.ChangedAsync(Caching.ContentChange.All, cancellationToken);
        }

        if (hasContent)
        {
            LogServingStored(logger);
            Completion = Task.Run(() => ImportAsync(lifetime.ApplicationStopping), CancellationToken.None);
        }
        else
        {
            await ImportAsync(cancellationToken);
        }
    }

    /// <summary>ApplicationStopping has fired by now, so a background import is rolling back: wait for it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) =>
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private async Task ImportAsync(CancellationToken cancellationToken)
    {
        try
        {
            await import.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException)
        {
            // The import runs in one transaction, so a store that refuses writes (locked by another process,
            // read-only, full) still holds the last good content: serve it, say so, and let the next import recover.
            LogImportFailed(logger, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while importing: the transaction rolled back, the next start imports again.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The store holds content: serving it while the startup import checks the seeds folder")]
    private static partial void LogServingStored(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Seed import failed; the site serves the content already in the store, and the next import will try again")]
    private static partial void LogImportFailed(ILogger logger, Exception exception);
}
