namespace NewsFeed.Web.Caching;

/// <summary>
/// Running the rest of the pipeline with the response body held in memory, for middleware that must see the whole
/// body before anything is sent (an ETag is a hash of it; a cache entry is a copy of it).
/// </summary>
internal static class BufferedResponse
{
    // Most pages are 5-30 KB: starting at 16 KB spares the five or six copies a stream growing from 256 bytes makes.
    private const int InitialCapacity = 16 * 1024;

    /// <summary>Runs <paramref name="next"/> into a buffer; the response's own body is back in place when it returns.</summary>
    public static async Task<MemoryStream> RunAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        var original = response.Body;
        var buffer = new MemoryStream(InitialCapacity);
        response.Body = buffer;
        try
        {
            await next(context);
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
        finally
        {
            response.Body = original;
        }
    }

    /// <summary>Sends what was buffered, as it is (nothing for HEAD).</summary>
    public static async Task SendAsync(HttpContext context, MemoryStream buffer)
    {
        if (buffer.Length > 0 && !HttpMethods.IsHead(context.Request.Method))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
