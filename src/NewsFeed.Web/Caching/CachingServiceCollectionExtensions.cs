using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Caching of whole responses (<see cref="PageCache"/>, <see cref="CachingOptions"/>) of the pages and feeds
    /// that carry <see cref="PageCacheAttribute"/>, Brotli and gzip compression done once per cached entry,
    /// conditional requests, and the timer that evicts when a scheduled article comes due.
    /// </summary>
    public static WebApplicationBuilder AddPageCaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CachingOptions>()
            .BindConfiguration(CachingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<PageCache>();
        builder.Services.AddResponseCompression(options =>
        {
            // No page holds a secret (no cookies, no tokens, no personal data), so BREACH has nothing to find.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, FeedLinks.RssContentType, FeedLinks.JsonContentType];
        });
        // With the page cache on, compression runs once per cached entry, so it can afford more than the per-request
        // default (Fastest). With it off, every response is compressed anew: Optimal made an uncached gzip RSS feed
        // (400 KB) 330 RPS against 3,420 uncompressed (bench/RESULTS.md), so it gets Fastest.
        builder.Services.AddOptions<BrotliCompressionProviderOptions>().Configure<IOptions<CachingOptions>>((o, caching) => o.Level = LevelFor(caching.Value));
        builder.Services.AddOptions<GzipCompressionProviderOptions>().Configure<IOptions<CachingOptions>>((o, caching) => o.Level = LevelFor(caching.Value));

        builder.Services.AddSingleton<SiteContent>();
        builder.Services.AddHttpClient(SharedCachePurge.ClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<SharedCachePurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SharedCachePurge>());
        builder.Services.AddHostedService<ScheduledPublishing>();
        builder.Services.AddSingleton<StoreChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StoreChanges>());
        return builder;
    }

    /// <summary>First in the pipeline: cached pages and feeds are answered here (<see cref="PageCacheLookup"/>).</summary>
    public static WebApplication UsePageCacheLookup(this WebApplication app)
    {
        if (IsCaching(app))
        {
            app.UseMiddleware<PageCacheLookup>();
        }

        return app;
    }

    /// <summary>
    /// After routing, for cacheable endpoints only: storing in the page cache, then conditional requests and compression.
    /// </summary>
    public static WebApplication UsePageCaching(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PreviewOptions>>().Value.Enabled)
        {
            var caching = IsCaching(app);
            // Only pages and feeds: static assets bring their own ETags and precompressed files, and a stream
            // (preview's server-sent events) must never be buffered.
            app.UseWhen(context => IsCacheable(context.GetEndpoint()), branch =>
            {
                if (caching)
                {
                    branch.UseMiddleware<PageCacheFill>();
                }

                branch.UseMiddleware<ConditionalResponses>().UseResponseCompression();
            });
        }

        return app;
    }

    private static CompressionLevel LevelFor(CachingOptions caching) => caching.Enabled ? CompressionLevel.Optimal : CompressionLevel.Fastest;

    internal static bool IsCacheable(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<PageCacheAttribute>() is not null;

    // Preview shows drafts and problems: its pages must never be kept, let alone shown to someone else.
    private static bool IsCaching(WebApplication app) =>
        app.Services.GetRequiredService<IOptions<CachingOptions>>().Value.Enabled
        && !app.Services.GetRequiredService<IOptions<PreviewOptions>>().Value.Enabled;
}
