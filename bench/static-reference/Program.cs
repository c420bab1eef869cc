using System.IO.Compression;

// Usage: StaticReference <page.html> --urls http://127.0.0.1:5402
// Every request gets the same page, from memory: gzip when asked for (compressed once, at startup), else as is.
var page = File.ReadAllBytes(args[0]);
using var buffer = new MemoryStream();
using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
{
    gzip.Write(page);
}

var gzipped = buffer.ToArray();

var builder = WebApplication.CreateSlimBuilder(args[1..]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(context =>
{
    var wantsGzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
    var body = wantsGzip ? gzipped : page;
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.Headers.Vary = "Accept-Encoding";
    if (wantsGzip)
    {
        context.Response.Headers.ContentEncoding = "gzip";
    }

    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
