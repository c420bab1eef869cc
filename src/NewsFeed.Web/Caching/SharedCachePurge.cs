using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace NewsFeed.Web.Caching;

/// <summary>
/// Tells the shared caches in front (<see cref="CachingOptions.PurgeUrls"/>) what each change touched: a
/// <c>PURGE</c> request per cache whose <c>{KeysHeader}-purge</c> header lists the change's keys, so the cache drops
/// exactly the pages that carry one of them in their keys header (deploy/varnish/newsfeed.vcl does this with xkey).
/// Sent in the background, in order, with a few retries: a cache that is down is never a reason to fail an import.
/// </summary>
public sealed partial class SharedCachePurge(IHttpClientFactory clients, IOptions<CachingOptions> options, ILogger<SharedCachePurge> logger)
    : BackgroundService
{
    public const string ClientName = "shared-cache-purge";

    private readonly Channel<ContentChange> _changes = Channel.CreateUnbounded<ContentChange>();

    public void Enqueue(ContentChange change)
    {
        if (options.Value.PurgeUrls.Count > 0 && options.Value.KeysHeader.Length > 0 && !change.IsEmpty)
        {
            _changes.Writer.TryWrite(change);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = clients.CreateClient(ClientName);
        try
        {
            await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var url in options.Value.PurgeUrls)
                {
                    await PurgeAsync(client, url, change, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PurgeAsync(HttpClient client, Uri url, ContentChange change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(new HttpMethod("PURGE"), url);
                request.Headers.TryAddWithoutValidation(options.Value.KeysHeader + "-purge", change.ToString());
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRefused(url, (int)response.StatusCode);
                return;
            }
            catch (HttpRequestException e) when (attempt < 3)
            {
                LogRetry(url, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (HttpRequestException e)
            {
                LogFailed(url, e.Message);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared cache {Url} refused the purge with {Status}")]
    private partial void LogRefused(Uri url, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared cache {Url} did not answer the purge ({Reason}); trying again")]
    private partial void LogRetry(Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared cache {Url} could not be purged ({Reason}); its pages expire by their Cache-Control")]
    private partial void LogFailed(Uri url, string reason);
}
