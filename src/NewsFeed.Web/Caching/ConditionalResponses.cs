using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace NewsFeed.Web.Caching;

/// <summary>
/// Gives every 200 page or feed an <c>ETag</c> (a hash of the bytes sent, so each content coding has its own)
/// and a <c>Last-Modified</c> (the last content change), and answers a matching conditional request with 304.
/// It runs inside the page cache and outside response compression: the cache stores the compressed bytes
/// together with both headers, and from then on answers conditional requests itself.
/// </summary>
internal sealed class ConditionalResponses(RequestDelegate next, SiteContent content)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        await using var buffer = await BufferedResponse.RunAsync(context, next);

        if (response.StatusCode == StatusCodes.Status200OK && !response.HasStarted)
        {
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"");
            var lastModified = content.LastModified;
            response.Headers.ETag = etag.ToString();
            response.GetTypedHeaders().LastModified = lastModified;

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
