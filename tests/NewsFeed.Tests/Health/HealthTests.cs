using System.Net;
using System.Text.Json;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Health;

/// <summary>Liveness and readiness, read back as JSON.</summary>
public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(NewsFeedApp app, string url)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(url, Ct);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, json.RootElement.Clone(), response);
    }

    [Fact]
    public async Task Live_answers_healthy_without_checking_anything()
    {
        using var seeds = SeedFolder.Create();
        using var app = new NewsFeedApp(seeds);
        var (status, body, response) = await GetAsync(app, "/healthz/live");
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            Assert.Empty(body.GetProperty("checks").EnumerateObject());
        }
    }

    [Fact]
    public async Task Ready_reports_the_store_and_the_last_import_and_is_never_cached()
    {
        using var seeds = SeedFolder.Create().WithOriginal().With(new MarkdownArticle("Second headline").WithSlug("second"));
        using var app = new NewsFeedApp(seeds);
        var (status, body, first) = await GetAsync(app, "/healthz/ready");
        var (_, _, second) = await GetAsync(app, "/healthz/ready");
        using (first)
        using (second)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks");
            Assert.Equal(2, checks.GetProperty("store").GetProperty("articles").GetInt32());
            Assert.Equal(2, checks.GetProperty("import").GetProperty("imported").GetInt32());
            Assert.Equal(0, checks.GetProperty("import").GetProperty("errors").GetInt32());
            Assert.Null(second.Headers.Age);
            Assert.Contains("no-store", second.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_broken_seed_file_leaves_the_instance_ready_but_degraded()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        seeds.Write("broken.md", "---\nheadline: Broken\ndraft: yes\n---\nText.\n");
        using var app = new NewsFeedApp(seeds);
        var (status, body, response) = await GetAsync(app, "/healthz/ready");
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Degraded", body.GetProperty("status").GetString());
            var import = body.GetProperty("checks").GetProperty("import");
            Assert.Equal("Degraded", import.GetProperty("status").GetString());
            Assert.Equal(1, import.GetProperty("skipped").GetInt32());
        }
    }

    [Fact]
    public async Task An_empty_store_is_not_ready()
    {
        using var seeds = SeedFolder.Create();
        using var app = new NewsFeedApp(seeds);
        var (status, body, response) = await GetAsync(app, "/healthz/ready");
        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
        }
    }
}
