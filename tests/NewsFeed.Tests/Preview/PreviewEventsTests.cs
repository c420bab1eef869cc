using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Preview;

namespace NewsFeed.Tests.Preview;

/// <summary><c>/_preview/events</c>: the server-sent events open pages reload on.</summary>
public sealed class PreviewEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Reads one server-sent event (event type and data) from the stream, or fails after the timeout.</summary>
    private static async Task<(string Type, JsonElement Data)> NextEventAsync(StreamReader stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Eventually.Timeout);
        string? type = null, data = null;
        while (await stream.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                return (type ?? "message", JsonDocument.Parse(data).RootElement.Clone());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    private static async Task<(HttpResponseMessage Response, StreamReader Stream)> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/_preview/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(Ct)));
    }

    [Fact]
    public async Task The_stream_says_ready_with_the_page_version_then_sends_one_change_per_save()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        using var app = new NewsFeedApp(seeds).InPreview(watch: true);
        using var client = app.CreateClient();
        var pageVersion = (await app.GetPageAsync("/")).One("script[data-version]").GetAttribute("data-version");

        var (response, stream) = await OpenAsync(client);
        using var _ = response;
        using var __ = stream;

        var ready = await NextEventAsync(stream);
        Assert.Equal("ready", ready.Type);
        Assert.Equal(pageVersion, ready.Data.GetProperty("version").GetString());

        seeds.With(new MarkdownArticle("New one").WithSlug("new-one"));
        var first = await NextEventAsync(stream);
        Assert.Equal("change", first.Type);
        Assert.Equal(["new-one.md"], first.Data.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));

        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Edited."));
        var second = await NextEventAsync(stream);
        Assert.Equal(["story.md"], second.Data.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.NotEqual(first.Data.GetProperty("version").GetString(), second.Data.GetProperty("version").GetString());

        // A page loaded now carries the version of the last change, so its script does not reload it again.
        var page = await app.GetPageAsync("/articles/story");
        Assert.Equal(second.Data.GetProperty("version").GetString(), page.One("script[data-version]").GetAttribute("data-version"));
    }

    [Fact]
    public async Task A_save_that_changes_nothing_sends_no_event()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story")).With(new MarkdownArticle("Other").WithSlug("other"));
        var watcher = new DrivenWatcher();
        using var app = new NewsFeedApp(seeds).InPreview(watch: true)
            .WithServices(services => services.AddSingleton<ISeedWatcher>(watcher));
        using var client = app.CreateClient();
        var (response, stream) = await OpenAsync(client);
        using var _ = response;
        using var __ = stream;
        Assert.Equal("ready", (await NextEventAsync(stream)).Type);

        // Saved without an edit (same bytes), then a real edit of another file.
        var before = app.LastImport;
        File.SetLastWriteTimeUtc(seeds.PathOf("story.md"), DateTime.UtcNow);
        watcher.Report("story.md");
        await Eventually.HoldsAsync(() => !ReferenceEquals(app.LastImport, before), "story.md is read again");
        seeds.With(new MarkdownArticle("Other").WithSlug("other").WithBody("Edited."));
        watcher.Report("other.md");

        var change = await NextEventAsync(stream);
        Assert.Equal(["other.md"], change.Data.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Every_open_page_gets_the_change()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        var watcher = new DrivenWatcher();
        using var app = new NewsFeedApp(seeds).InPreview(watch: true)
            .WithServices(services => services.AddSingleton<ISeedWatcher>(watcher));
        using var client = app.CreateClient();
        var (response1, stream1) = await OpenAsync(client);
        var (response2, stream2) = await OpenAsync(client);
        using var _ = response1;
        using var __ = response2;
        Assert.Equal("ready", (await NextEventAsync(stream1)).Type);
        Assert.Equal("ready", (await NextEventAsync(stream2)).Type);

        seeds.Write("broken.md", "---\nheadline: Broken\ndraft: maybe\n---\nBody.\n");
        watcher.Report("broken.md");

        Assert.Equal("change", (await NextEventAsync(stream1)).Type);
        Assert.Equal("change", (await NextEventAsync(stream2)).Type);
        stream1.Dispose();
        stream2.Dispose();
    }
}
