using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace NewsFeed.Web.Caching;

/// <summary>
/// First in the pipeline: answers a GET or HEAD that <see cref="PageCache"/> holds, before routing, logging or
/// any other middleware runs. A miss goes on untouched.
/// </summary>
internal sealed class PageCacheLookup(RequestDelegate next, PageCache cache)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        return (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && cache.TryGet(context, out var entry)
            ? PageCacheResponse.WriteAsync(context, entry, fromCache: true)
            : next(context);
    }
}

/// <summary>
/// After routing: renders a page whose endpoint carries <see cref="PageCacheAttribute"/> in full (conditional
/// request headers are held back for that), stores a 200 in <see cref="PageCache"/>, and answers from the entry
/// just stored, so the first reader and the next get the same bytes and headers.
/// </summary>
internal sealed class PageCacheFill(RequestDelegate next, PageCache cache, IOptions<CachingOptions> options)
{
    // Set by the server or per response: never replayed from an entry.
    private static readonly HashSet<string> NotStored = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.ContentLength, HeaderNames.Age, HeaderNames.TransferEncoding, HeaderNames.Connection,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<PageCacheAttribute>();
        if (policy is null || !HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        // The generation is taken before rendering: a change during the render retires it, and what was
        // rendered from the old content is stored where nobody looks.
        var generation = cache.Current;
        var renderedAt = cache.Sequence;
        var dependencies = new PageDependencies();
        context.Features.Set(dependencies);
        var request = context.Request;
        var (ifNoneMatch, ifModifiedSince) = (request.Headers.IfNoneMatch, request.Headers.IfModifiedSince);
        request.Headers.IfNoneMatch = StringValues.Empty;
        request.Headers.IfModifiedSince = StringValues.Empty;
        Microsoft.IO.RecyclableMemoryStream buffer;
        try
        {
            buffer = await BufferedResponse.RunAsync(context, next);
        }
        finally
        {
            request.Headers.IfNoneMatch = ifNoneMatch;
            request.Headers.IfModifiedSince = ifModifiedSince;
        }

        await using var _ = buffer;
        var response = context.Response;

        if (response.StatusCode == StatusCodes.Status200OK && !response.HasStarted && IsStorable(response))
        {
            var headers = response.Headers.Where(h => !NotStored.Contains(h.Key)).ToArray();
            var etag = response.Headers.ETag.Count == 1 && EntityTagHeaderValue.TryParse(response.Headers.ETag[0], out var parsed) ? parsed : null;
            var seconds = policy.Policy == CachePolicies.Search ? options.Value.SearchSeconds : options.Value.PageSeconds;
            var vary = VaryByQuery(policy.Policy);
            var entry = new PageCacheEntry(
                request.Scheme, request.Host.Value ?? "", headers, buffer.ToArray(), etag, response.GetTypedHeaders().LastModified,
                Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency), cache.SubKey(context, vary), [.. dependencies.Keys]);
            cache.Add(generation, context, vary, entry, renderedAt);
            await PageCacheResponse.WriteAsync(context, entry, fromCache: false);
            return;
        }

        await BufferedResponse.SendAsync(context, buffer);
    }

    /// <summary>Search results differ by query and page; every other page and feed ignores the query string.</summary>
    internal static string[] VaryByQuery(string policy) => policy == CachePolicies.Search ? SearchKeys : [];

    private static readonly string[] SearchKeys = ["q", "p"];

    private static bool IsStorable(HttpResponse response) =>
        !response.Headers.ContainsKey(HeaderNames.SetCookie)
        && !response.Headers.CacheControl.Any(v => v is not null && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase) || v.Contains("private", StringComparison.OrdinalIgnoreCase)));
}

internal static class PageCacheResponse
{
    private static readonly string[] AgeValues = [.. Enumerable.Range(0, 600).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The stored status, headers and bytes; a 304 when the request's validators match; no body for HEAD.</summary>
    public static Task WriteAsync(HttpContext context, PageCacheEntry entry, bool fromCache)
    {
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }

        if (fromCache)
        {
            // Age tells a shared cache (and a test) that this answer was not rendered just now.
            var age = (Stopwatch.GetTimestamp() - entry.StoredAt) / Stopwatch.Frequency;
            headers.Age = age < AgeValues.Length ? AgeValues[age] : age.ToString(CultureInfo.InvariantCulture);
        }

        var request = context.Request;
        if ((request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0) && entry.ETag is { } etag
            && entry.LastModified is { } lastModified && ConditionalResponses.IsNotModified(request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentType = StringValues.Empty;
            headers.ContentEncoding = StringValues.Empty;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = entry.Body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(entry.Body).AsTask();
    }
}
