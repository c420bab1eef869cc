using Microsoft.Extensions.FileProviders;
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
        return builder;
    }

    /// <summary>Serilog from the <c>Serilog</c> configuration section, plus any sinks registered in DI (tests use that).</summary>
    public static WebApplicationBuilder AddNewsLogging(this WebApplicationBuilder builder)
    {
        // No static bootstrap logger: a second host in the same process (tests) would find it frozen.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        return builder;
    }

    /// <summary>
    /// Headers every response carries. The policy allows no inline script at all: even if content
    /// sanitizing ever failed, a browser would refuse to run what slipped through.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        await next(context);
    });

    /// <summary>Serves <c>seeds/images/</c> at <c>/media/</c>; nothing outside that folder can be reached.</summary>
    public static IApplicationBuilder UseSeedMedia(this WebApplication app)
    {
        var seeds = app.Services.GetRequiredService<SeedImport>().SeedsRoot;
        var images = Path.Combine(seeds, "images");
        if (!Directory.Exists(images))
        {
            return app;
        }

        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(images),
            RequestPath = UrlPolicy.MediaPrefix.TrimEnd('/'),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
    }
}
