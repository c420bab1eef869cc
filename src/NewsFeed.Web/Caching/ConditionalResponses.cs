using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NewsFeed.Web.Caching;

/// <summary>
/// Gives every 200 page or feed an <c>ETag</c> (a hash of the bytes sent, so each content coding has its own), a
/// <c>Last-Modified</c> (the last change of what the page shows: of its dependency keys), the configured
/// <c>Cache-Control</c> and the keys header a shared cache purges by, and answers a matching conditional request with
/// 304. It runs inside the page cache and outside response compression: the cache stores the compressed bytes
/// together with these headers, and from then on answers conditional requests itself.
/// </summary>
internal sealed class ConditionalResponses(RequestDelegate next, SiteContent content, IOptions<CachingOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        // The page records what it shows here (the page cache, when on, has put one in already).
        var dependencies = context.Features.Get<PageDependencies>();
        if (dependencies is null)
        {
            dependencies = new PageDependencies();
            context.Features.Set(dependencies);
        }

        var response = context.Response;
        await using var buffer = await BufferedResponse.RunAsync(context, next);

        if (response.StatusCode == StatusCodes.Status200OK && !response.HasStarted)
        {
            var hash = BufferedResponse.Hash(buffer);
            var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"");
            var lastModified = content.LastModifiedOf(dependencies.Keys);
            response.Headers.ETag = etag.ToString();
            response.GetTypedHeaders().LastModified = lastModified;
            if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                response.Headers.CacheControl = options.Value.CacheControl;
            }

            if (options.Value.KeysHeader is { Length: > 0 } keysHeader)
            {
                // "all" too: the key a purge of everything names.
                response.Headers[keysHeader] = string.Join(' ', dependencies.Keys.Order(StringComparer.Ordinal).Append(ContentKeys.Any));
            }

            // With the page cache on, the conditional headers never get here: it answers them from its entry.
            if (IsNotModified(context.Request, etag, lastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        // Only a 200 gets a length: an empty 404 must stay empty for the status code pages to fill it.
        if (response.StatusCode == StatusCodes.Status200OK && !response.HasStarted)
        {
            response.ContentLength = buffer.Length;
        }

        await BufferedResponse.SendAsync(context, buffer);
    }

    /// <summary>RFC 9110 13.2.2: If-None-Match (weak comparison) wins; If-Modified-Since counts only without it.</summary>
    internal static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = request.GetTypedHeaders();
        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since && lastModified <= since;
    }
}
