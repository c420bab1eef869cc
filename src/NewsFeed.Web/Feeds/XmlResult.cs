using System.Text;
using System.Xml;

namespace NewsFeed.Web.Feeds;

/// <summary>
/// Writes XML straight to the response with an async <see cref="XmlWriter"/>: no buffering of a large
/// sitemap in memory, and no synchronous I/O (Kestrel refuses it, and AllowSynchronousIO would hide it).
/// </summary>
internal sealed class XmlResult(string contentType, Func<XmlWriter, Task> writeAsync) : IResult
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        await using var writer = XmlWriter.Create(httpContext.Response.Body, Settings);
        await writer.WriteStartDocumentAsync();
        await writeAsync(writer);
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }
}
