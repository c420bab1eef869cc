using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Output caching (<see cref="CachingOptions"/>) of the pages and feeds that carry a policy of
    /// <see cref="CachePolicies"/>, Brotli and gzip compression done once per cached entry, conditional requests,
    /// and the timer that evicts when a scheduled article comes due.
    /// </summary>
    public static WebApplicationBuilder AddPageCaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CachingOptions>()
            .BindConfiguration(CachingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>, IOptions<PreviewOptions>>((options, caching, preview) =>
        {
            // Preview shows drafts and problems: its pages must never be kept, let alone shown to someone else.
            var enabled = caching.Value.Enabled && !preview.Value.Enabled;
            options.SizeLimit = caching.Value.SizeLimitMegabytes * 1024L * 1024L;
            // Slugs are case-sensitive (/tags/SHIPPING is not /tags/shipping): so is the cache key.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(CachePolicies.Pages, Policy(enabled, caching.Value.PageSeconds));
            options.AddPolicy(CachePolicies.Feeds, Policy(enabled, caching.Value.PageSeconds));
            options.AddPolicy(CachePolicies.Search, Policy(enabled, caching.Value.SearchSeconds, "q", "p"));
        });

        builder.Services.AddResponseCompression(options =>
        {
            // No page holds a secret (no cookies, no tokens, no personal data), so BREACH has nothing to find.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, FeedLinks.RssContentType, FeedLinks.JsonContentType];
        });
        // Compression runs once per cached entry, so it can afford more than the per-request default (Fastest).
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

        builder.Services.AddSingleton<SiteContent>();
        builder.Services.AddHostedService<ScheduledPublishing>();
        return builder;
    }

    /// <summary>After routing: the output cache, then (for cacheable endpoints only) conditional requests and compression.</summary>
    public static WebApplication UsePageCaching(this WebApplication app)
    {
        app.UseOutputCache();
        if (!app.Services.GetRequiredService<IOptions<PreviewOptions>>().Value.Enabled)
        {
            // Only pages and feeds: static assets bring their own ETags and precompressed files, and a stream
            // (preview's server-sent events) must never be buffered.
            app.UseWhen(context => IsCacheable(context.GetEndpoint()), branch => branch
                .UseMiddleware<ConditionalResponses>()
                .UseResponseCompression());
        }

        return app;
    }

    internal static bool IsCacheable(Endpoint? endpoint) =>
        endpoint is not null
        && (endpoint.Metadata.GetMetadata<OutputCacheAttribute>() is not null || endpoint.Metadata.GetMetadata<IOutputCachePolicy>() is not null);

    private static Action<OutputCachePolicyBuilder> Policy(bool enabled, int seconds, params string[] queryKeys) => policy =>
    {
        if (!enabled)
        {
            policy.NoCache();
            return;
        }

        policy.Expire(TimeSpan.FromSeconds(seconds))
            .Tag(CachePolicies.ContentTag)
            // Any other query string would otherwise make an entry of its own for the same page.
            .SetVaryByQuery(queryKeys)
            // One entry per content coding the compression middleware will choose, not per Accept-Encoding spelling.
            .VaryByValue(context => new("coding", Coding(context)));
    };

    private static string Coding(HttpContext context)
    {
        var compression = context.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return compression.CheckRequestAcceptsCompression(context)
            ? compression.GetCompressionProvider(context)?.EncodingName ?? "identity"
            : "identity";
    }
}
