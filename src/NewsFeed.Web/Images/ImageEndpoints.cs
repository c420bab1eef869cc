using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace NewsFeed.Web.Images;

public static class ImageEndpoints
{
    /// <summary>
    /// <c>/img/{key}/{width}.{format}</c>: a variant, cached for a year as immutable (its key is its content's hash). Any
    /// other name, an unknown key or a width the picture does not have is a 404.
    /// </summary>
    public static WebApplication MapImages(this WebApplication app)
    {
        app.MapMethods(ImageUrls.Prefix + "{key}/{name}", [HttpMethods.Get, HttpMethods.Head],
            async (string key, string name, ImageVariants variants, HttpContext context, CancellationToken cancellationToken) =>
            {
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (key.Length != 20 || !key.All(char.IsAsciiHexDigitLower) || dot <= 0
                    || !int.TryParse(name.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var width)
                    || name[(dot + 1)..] is not ("avif" or "webp" or "jpg" or "png") || name[..dot] != width.ToString(CultureInfo.InvariantCulture))
                {
                    return Results.NotFound();
                }

                var format = name[(dot + 1)..];
                if (await variants.GetAsync(key, width, format, cancellationToken) is not { } path)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return Results.File(path, ImageUrls.ContentType(format), entityTag: new EntityTagHeaderValue($"\"{key}-{width}-{format}\""));
            });
        return app;
    }
}
