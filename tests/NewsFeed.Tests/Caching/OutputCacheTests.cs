using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Caching;

/// <summary>Pages and feeds are rendered once per import, compressed once, and revalidated with 304s.</summary>
public sealed class OutputCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SeedFolder Seeds() => SeedFolder.Create()
        .With(new MarkdownArticle("First headline").WithSlug("first").Tagged("Cities"))
        .With(new MarkdownArticle("Second headline").WithSlug("second").PublishedOn(new DateTime(2025, 1, 11, 9, 0, 0, DateTimeKind.Utc)));

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task A_page_is_served_from_the_cache_until_an_import_evicts_it()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        Assert.Contains("First headline", await BodyAsync(client, "/articles/first"), StringComparison.Ordinal);

        // Changed on disk but not imported: the cached page is what readers get.
        seeds.With(new MarkdownArticle("Rewritten headline").WithSlug("first"));
        using (var cached = await client.GetAsync("/articles/first", Ct))
        {
            Assert.True(cached.Headers.Age is not null, "a cache hit carries Age");
            Assert.Contains("First headline", await cached.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The per-file import preview uses evicts everything, here and on the feed.
        await app.Services.GetRequiredService<SeedImport>().ImportChangesAsync(["first.md"], Ct);
        Assert.Contains("Rewritten headline", await BodyAsync(client, "/articles/first"), StringComparison.Ordinal);
        Assert.Contains("Rewritten headline", await BodyAsync(client, "/"), StringComparison.Ordinal);
        Assert.Contains("Rewritten headline", await BodyAsync(client, "/feed.xml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/first")]
    [InlineData("/tags/cities")]
    [InlineData("/feed.xml")]
    [InlineData("/feed.json")]
    [InlineData("/search?q=first")]
    public async Task Pages_and_feeds_are_cached_and_set_no_cookies(string url)
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        using var first = await client.GetAsync(url, Ct);
        using var second = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal("DENY", second.Headers.GetValues("X-Frame-Options").Single());
        Assert.NotNull(second.Headers.ETag);
        Assert.NotNull(second.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Search_is_cached_per_query()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        Assert.Contains("href=\"/articles/first\"", await BodyAsync(client, "/search?q=first"), StringComparison.Ordinal);
        var second = await BodyAsync(client, "/search?q=second");
        Assert.Contains("href=\"/articles/second\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/articles/first\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_never_cached()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        using var missing = await client.GetAsync("/articles/later", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        seeds.With(new MarkdownArticle("Later headline").WithSlug("later"));
        await app.Services.GetRequiredService<SeedImport>().ImportChangesAsync(["later.md"], Ct);
        using var again = await client.GetAsync("/articles/later", Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/nothing", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Age);
    }

    [Fact]
    public async Task Preview_mode_caches_nothing()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds).InPreview();
        using var client = app.CreateClient();
        foreach (var url in new[] { "/", "/articles/first", "/feed.xml", "/_preview/problems" })
        {
            using var first = await client.GetAsync(url, Ct);
            using var second = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Null(second.Headers.Age);
        }
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_matching_If_None_Match_or_If_Modified_Since_answers_304(string cacheEnabled)
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:Enabled", cacheEnabled);
        using var client = app.CreateClient();
        foreach (var url in new[] { "/articles/first", "/feed.xml" })
        {
            using var first = await client.GetAsync(url, Ct);
            var etag = first.Headers.ETag!;
            var lastModified = first.Content.Headers.LastModified!.Value;

            using var byTag = new HttpRequestMessage(HttpMethod.Get, url);
            byTag.Headers.IfNoneMatch.Add(etag);
            using var notModified = await client.SendAsync(byTag, Ct);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal("nosniff", notModified.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.NotNull(notModified.Headers.GetValues("Content-Security-Policy").Single());

            using var byDate = new HttpRequestMessage(HttpMethod.Get, url);
            byDate.Headers.IfModifiedSince = lastModified;
            using var notModifiedByDate = await client.SendAsync(byDate, Ct);
            Assert.Equal(HttpStatusCode.NotModified, notModifiedByDate.StatusCode);

            using var other = new HttpRequestMessage(HttpMethod.Get, url);
            other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
            using var modified = await client.SendAsync(other, Ct);
            Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        }
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_response_of_many_buffered_blocks_arrives_whole_with_the_hash_of_its_bytes_as_its_ETag(string cacheEnabled)
    {
        // Forty articles of 6,000 words: a feed of about 1.5 MB, far past one 16 KB block of the response buffer.
        using var seeds = SeedFolder.Create();
        var words = string.Join(' ', Enumerable.Range(0, 6000).Select(i => $"w{i % 977}"));
        for (var i = 0; i < 40; i++)
        {
            seeds.With(new MarkdownArticle($"Long read {i}").WithSlug($"long-{i}").PublishedOn(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i))
                .WithBody($"Start {i}. {words} End {i}."));
        }

        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:Enabled", cacheEnabled);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/feed.xml", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.True(bytes.Length > 1_000_000, $"{bytes.Length} bytes");
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(bytes));
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        Assert.Equal(40, feed.Items.Count());
        // Hashed here whole, in one call: the app hashes block by block, and the two must agree.
        var hash = System.IO.Hashing.XxHash128.Hash(bytes);
        Assert.Equal($"\"{Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"", response.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("/articles/first")]
    [InlineData("/feed.xml")]
    public async Task Brotli_and_gzip_decode_to_the_same_bytes(string url)
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        var identity = await BodyAsync(client, url);

        foreach (var coding in new[] { "br", "gzip", "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd(coding);
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(coding, response.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            await using var compressed = await response.Content.ReadAsStreamAsync(Ct);
            await using Stream decoded = coding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
            using var reader = new StreamReader(decoded, Encoding.UTF8);
            Assert.Equal(identity, await reader.ReadToEndAsync(Ct));
        }
    }

    [Fact]
    public async Task Unknown_query_strings_share_the_page_entry()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        await BodyAsync(client, "/articles/first?utm_source=a");
        using var second = await client.GetAsync("/articles/first?utm_source=b", Ct);
        Assert.NotNull(second.Headers.Age);
    }

    [Fact]
    public async Task A_scheduled_article_coming_due_evicts_the_cached_feed()
    {
        var due = DateTime.UtcNow.AddSeconds(6);
        using var seeds = Seeds().With(new MarkdownArticle("Scheduled headline").WithSlug("scheduled")
            .PublishedOn(new DateTime(due.Ticks - (due.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc)));
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        Assert.DoesNotContain("Scheduled headline", await BodyAsync(client, "/"), StringComparison.Ordinal);
        Assert.NotNull((await client.GetAsync("/", Ct)).Headers.Age);

        await Eventually.HoldsAsync(
            async () => (await BodyAsync(client, "/")).Contains("Scheduled headline", StringComparison.Ordinal),
            "the scheduled article is on the cached home page once due", TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task A_page_kept_in_the_cache_is_compressed_harder_than_one_compressed_for_each_request(string coding)
    {
        // With the cache on, a page is compressed once and sent many times; with it off, once per request.
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i % 311} other{i % 37}"));
        async Task<int> CompressedLengthAsync(string cacheEnabled)
        {
            using var seeds = SeedFolder.Create().With(new MarkdownArticle("Long read").WithSlug("long").WithBody(words));
            using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:Enabled", cacheEnabled);
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/long");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(coding, response.Content.Headers.ContentEncoding.Single());
            return (await response.Content.ReadAsByteArrayAsync(Ct)).Length;
        }

        var kept = await CompressedLengthAsync("true");
        var perRequest = await CompressedLengthAsync("false");
        Assert.True(kept < perRequest, $"{coding}: {kept} bytes kept in the cache, {perRequest} compressed per request");
    }

    [Fact]
    public async Task A_coding_the_reader_refuses_is_never_served_from_the_cache()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        foreach (var accept in new[] { "gzip", "gzip", "gzip;q=0, identity", "br;q=0, gzip;q=0", "gzip;q=0.5, br" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/first");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            using var response = await client.SendAsync(request, Ct);
            var expected = accept switch
            {
                "gzip" => "gzip",
                "gzip;q=0.5, br" => "br",
                _ => null,
            };
            Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        }
    }

    [Fact]
    public async Task HEAD_is_answered_from_the_cache_with_the_length_and_no_body()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        var body = await client.GetByteArrayAsync("/articles/first", Ct);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/first"), Ct);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.Age);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task The_cache_keeps_to_its_memory_budget()
    {
        // Long bodies so a few dozen pages overflow a budget of 1 MB.
        var seeds = SeedFolder.Create();
        var paragraph = string.Join(' ', Enumerable.Repeat("A sentence that fills the page so it weighs something.", 300));
        for (var i = 0; i < 60; i++)
        {
            seeds.With(new MarkdownArticle($"Heavy headline {i}").WithSlug($"heavy-{i}").WithBody(paragraph));
        }

        using (seeds)
        {
            using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:SizeLimitMegabytes", "1");
            using var client = app.CreateClient();
            var cache = app.Services.GetRequiredService<PageCache>();
            for (var i = 0; i < 60; i++)
            {
                Assert.Contains($"Heavy headline {i}", await BodyAsync(client, $"/articles/heavy-{i}"), StringComparison.Ordinal);
                Assert.InRange(cache.Bytes, 0, 1024 * 1024);
            }

            Assert.InRange(cache.Count, 1, 59);
            Assert.Contains("Heavy headline 59", await BodyAsync(client, "/articles/heavy-59"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_page_rendered_before_a_change_to_what_it_shows_is_never_served_after_it()
    {
        using var seeds = Seeds();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<PageCache>();
        var content = app.Services.GetRequiredService<SiteContent>();
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        request.Request.Scheme = "http";
        request.Request.Host = new("localhost");
        request.Request.Path = "/";
        PageCacheEntry Stale(string[] keys) => new("http", "localhost", [new("Content-Type", "text/html; charset=utf-8")],
            Encoding.UTF8.GetBytes("<p>rendered from the old content</p>"), null, null,
            System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency * 600, cache.SubKey(request, []), keys);
        var newest = new ContentChange(new HashSet<string> { ContentKeys.Newest });

        // A render that started before the change finishes after it: it is not kept.
        var before = cache.Sequence;
        await content.ChangedAsync(newest, Ct);
        cache.Add(cache.Current, request, [], Stale([ContentKeys.Newest]), before);
        using (var response = await client.GetAsync("/", Ct))
        {
            Assert.Null(response.Headers.Age);
            Assert.DoesNotContain("rendered from the old content", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The controls: a page that does not show what changed, and one rendered after the change, are kept.
        await content.ChangedAsync(newest, Ct);
        cache.Add(cache.Current, request, [], Stale([ContentKeys.Article("elsewhere")]), before);
        using (var kept = await client.GetAsync("/", Ct))
        {
            Assert.NotNull(kept.Headers.Age);
        }

        cache.Add(cache.Current, request, [], Stale([ContentKeys.Newest]), cache.Sequence);
        using var hit = await client.GetAsync("/", Ct);
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal("<p>rendered from the old content</p>", await hit.Content.ReadAsStringAsync(Ct));
    }
}
