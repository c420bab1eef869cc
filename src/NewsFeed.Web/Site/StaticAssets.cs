using System.Text.Json;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;

namespace NewsFeed.Web.Site;

/// <summary>
/// The site's CSS and JS where the app runs. <c>dotnet run</c> (Development) and a published folder have them; the
/// DLL of a plain build run outside Development does not (wwwroot is not copied to bin/), and
/// <c>MapStaticAssets</c> then answers every asset URL with 200 and an empty body: a site that looks broken, and
/// nothing says why. So a build's own list of its assets is used when the files are not beside the app, and the app
/// refuses to start when even that does not find them.
/// </summary>
public static class StaticAssets
{
    public static WebApplicationBuilder AddStaticAssets(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        // The runtime manifest exists only in build output: it maps each asset to the project's wwwroot and obj/.
        if (!environment.IsDevelopment() && Missing(environment).Count > 0 && File.Exists(ManifestPath(environment, "runtime")))
        {
            try
            {
                StaticWebAssetsLoader.UseStaticWebAssets(environment, builder.Configuration);
            }
            catch (DirectoryNotFoundException)
            {
                // The build output was copied away from its project: EnsureStaticAssets says what to do instead.
            }
        }

        return builder;
    }

    /// <summary>Throws, before the app listens, when an asset the pages link to has no file to serve.</summary>
    public static WebApplication EnsureStaticAssets(this WebApplication app)
    {
        var missing = Missing(app.Environment);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The site's static files ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", …" : "")}) are not where the app runs " +
                $"({app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot")}). Start it with " +
                "'dotnet run --project src/NewsFeed.Web', or publish it ('dotnet publish src/NewsFeed.Web -c Release -o out') and run the published folder.");
        }

        return app;
    }

    /// <summary>The asset files listed in the endpoints manifest that the web root cannot serve.</summary>
    private static List<string> Missing(IWebHostEnvironment environment)
    {
        var manifest = ManifestPath(environment, "endpoints");
        if (!File.Exists(manifest))
        {
            return [];
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return [.. json.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Select(e => e.GetProperty("AssetFile").GetString())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Where(file => !environment.WebRootFileProvider.GetFileInfo(file).Exists)];
    }

    // Where MapStaticAssets looks for the manifest by default.
    private static string ManifestPath(IWebHostEnvironment environment, string kind) =>
        Path.Combine(AppContext.BaseDirectory, $"{environment.ApplicationName}.staticwebassets.{kind}.json");
}

/// <summary>
/// The address of a site asset under its fingerprinted name (<c>css/site.375j78p8kw.css</c>), as <c>asp-append-version</c>
/// writes it, from the manifest <c>WithStaticAssets</c> puts on every page's endpoint. Written without the tag helper:
/// with the layout's other tag helpers it was a third of /about's time (bench/README.md, "Profile").
/// </summary>
public static class AssetUrls
{
    public static string Of(HttpContext context, string path) =>
        "/" + (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.ResourceAssetCollection>() is { } assets ? assets[path] : path);
}
