using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace NewsFeed.Web.Preview;

public static class PreviewServiceCollectionExtensions
{
    /// <summary>Preview mode (<see cref="PreviewOptions"/>): watching the seeds folder and telling open pages about changes.</summary>
    public static WebApplicationBuilder AddPreview(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PreviewOptions>()
            .BindConfiguration(PreviewOptions.Section)
            // The switch is the section's own value, and its default depends on the environment.
            .PostConfigure<IConfiguration, IHostEnvironment>((options, configuration, environment) =>
                options.Enabled = PreviewOptions.IsOn(configuration[PreviewOptions.Section], environment))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<PreviewChanges>();
        builder.Services.AddSingleton<ISeedWatcher, FileSystemSeedWatcher>();
        builder.Services.AddHostedService<PreviewWatchService>();
        return builder;
    }

    /// <summary>Outside preview mode, preview's script is not served either.</summary>
    public static WebApplication UsePreview(this WebApplication app)
    {
        if (!IsEnabled(app))
        {
            app.Use((context, next) =>
            {
                // Also the fingerprinted name static assets give it (js/preview.{hash}.js).
                if (context.Request.Path.StartsWithSegments("/js", out var rest) && rest.Value?.StartsWith("/preview.", StringComparison.Ordinal) == true)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    /// <summary>
    /// <c>/_preview/events</c>: server-sent events, one "change" per applied change, after a first "ready" that
    /// carries the current version. Only in preview mode; the problems page (Pages/Preview) answers 404 outside it.
    /// </summary>
    public static WebApplication MapPreview(this WebApplication app)
    {
        if (IsEnabled(app))
        {
            app.MapGroup("/_preview")
                .ExcludeFromDescription()
                .MapGet("/events", (PreviewChanges changes, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
                    TypedResults.ServerSentEvents(StreamAsync(changes, lifetime.ApplicationStopping, cancellationToken)));
        }

        return app;
    }

    private static bool IsEnabled(WebApplication app) => app.Services.GetRequiredService<IOptions<PreviewOptions>>().Value.Enabled;

    private static async IAsyncEnumerable<SseItem<PreviewChange>> StreamAsync(
        PreviewChanges changes, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Ends with the request, and with the server: an open stream would otherwise hold up shutdown.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        using var subscription = changes.Subscribe();
        yield return new SseItem<PreviewChange>(new PreviewChange(changes.Version, []), "ready");

        while (true)
        {
            PreviewChange change;
            try
            {
                change = await subscription.Changes.ReadAsync(ended.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            yield return new SseItem<PreviewChange>(change, "change");
        }
    }
}
