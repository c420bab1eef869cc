using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using NewsFeed.Web.Images;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Seeding;
using Serilog;

namespace NewsFeed.Web.Site;

public static class SiteExtensions
{
    /// <summary>The site's identity (<see cref="SiteOptions"/>), validated at startup.</summary>
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>()
            .BindConfiguration(SiteOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<Editions>();
        builder.Services.Configure<RouteOptions>(routes => routes.SetParameterPolicy<EditionRouteConstraint>(EditionRouteConstraint.Name));
        // The chrome's words (SiteText.resx and its languages), and every page rendered in its edition's culture.
        builder.Services.AddLocalization();
        builder.Services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new EditionCultureFilter()));

        // No "Server: Kestrel": it tells an attacker what to try. HSTS for a year, not the framework's 30 days.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });

        // Razor would otherwise write every non-ASCII letter as an entity ("Tom&#xE1;s"); the pages are UTF-8.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = SiteHtml.EncoderSettings);
        return builder;
    }

    /// <summary>Serilog from the <c>Serilog</c> configuration section, plus any sinks registered in DI (tests use that).</summary>
    public static WebApplicationBuilder AddNewsLogging(this WebApplicationBuilder builder)
    {
        // No static bootstrap logger, and the static Log.Logger is left alone (preserveStaticLogger): each host
        // logs through its own logger, so two hosts in one process (tests) never write into each other's sinks.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext(), preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One log record per request, through this host's logger (not the static one, see <see cref="AddNewsLogging"/>).</summary>
    public static IApplicationBuilder UseRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());

    /// <summary>
    /// A reader who leaves before the page is done cancels its queries: that is not a server error, so it is
    /// logged as 499 (the status proxies use for it) instead of a 500 with a stack trace.
    /// </summary>
    public static IApplicationBuilder UseClientAborts(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    });

    /// <summary>Not in RFC 9110; nginx's "client closed request".</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>
    /// Headers every response carries. The policy allows no inline script at all: even if content
    /// sanitizing ever failed, a browser would refuse to run what slipped through.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        await next(context);
    });

    /// <summary>
    /// The public site only reads: anything but GET and HEAD is answered 405 before it reaches a page (Razor
    /// Pages would otherwise render a page for TRACE or OPTIONS, and POST would fail antiforgery with a 400).
    /// </summary>
    public static IApplicationBuilder UseReadOnlyMethods(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }

        await next(context);
    });

    /// <summary>
    /// Serves <c>seeds/images/</c> at <c>/media/</c>: image types only, nothing outside that folder, cached for a
    /// week (editors may replace a file under the same name, so not "immutable"), and with a policy that keeps
    /// an SVG opened on its own from running script.
    /// </summary>
    public static IApplicationBuilder UseSeedMedia(this WebApplication app)
    {
        var seeds = app.Services.GetRequiredService<SeedImport>().SeedsRoot;
        var images = Path.Combine(seeds, "images");
        if (!Directory.Exists(images))
        {
            return app;
        }

        var types = new FileExtensionContentTypeProvider(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".png"] = "image/png",
            [".jpg"] = "image/jpeg",
            [".jpeg"] = "image/jpeg",
            [".gif"] = "image/gif",
            [".webp"] = "image/webp",
            [".avif"] = "image/avif",
            [".svg"] = "image/svg+xml",
        });

        // A photograph is never served as the editor dropped it: its EXIF (GPS position, camera serial) would go with
        // it. Its address leads to the largest variant made from it, which has none; a file that could not be read
        // as a picture is not served at all. SVG is served as written, under a policy that runs no script.
        var catalog = app.Services.GetRequiredService<ImageCatalog>();
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is not null && path.StartsWith(UrlPolicy.MediaPrefix, StringComparison.Ordinal) && ImageProcessor.IsImageName(path)
                && !path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            {
                if (catalog.Find(path) is { IsUsable: true } facts)
                {
                    context.Response.Headers.CacheControl = "public, max-age=300";
                    context.Response.Redirect(facts.Url(facts.VariantWidths[^1], facts.Fallback));
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }

                return;
            }

            await next(context);
        });

        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(images),
            RequestPath = UrlPolicy.MediaPrefix.TrimEnd('/'),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "public, max-age=604800, stale-while-revalidate=86400";
                headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
            },
        });
    }
}
