using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Caching;

/// <summary>
/// A real Varnish (deploy/varnish/newsfeed.vcl, xkey) in front of two instances on one store: a page it holds stays
/// across an edit that does not touch it, and is purged, then fresh, within 2 s of one that does, whichever instance
/// imported the edit.
/// </summary>
public sealed class SharedCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MarkdownArticle Story(string headline, string slug, string tag, string body) =>
        new MarkdownArticle(headline).WithSlug(slug).Tagged(tag).WithBody(body);

    private static async Task<(string Cache, string Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        response.EnsureSuccessStatusCode();
        return (response.Headers.GetValues("X-Cache").Single(), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Varnish_keeps_what_an_edit_did_not_touch_and_purges_what_it_did()
    {
        Assert.SkipWhen(Varnish.Missing is not null, Varnish.Missing ?? "");
        using var seeds = SeedFolder.Create()
            .With(Story("Harbour", "harbour", "port", "The harbour opens."))
            .With(Story("Tunnel", "tunnel", "roads", "The tunnel is dug."));
        var database = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "shared", "newsfeed.db");
        // Varnish needs the instances' ports and the instances Varnish's: its port is chosen first.
        var varnishPort = Varnish.FreePort();
        NewsFeedApp Instance() => new NewsFeedApp(seeds, database)
            .WithSetting("NewsFeed:OutputCache:StorePollSeconds", "1")
            .WithSetting("NewsFeed:OutputCache:PurgeUrls:0", $"http://127.0.0.1:{varnishPort}/");

        using var first = Instance();
        using var second = Instance();
        var instances = new List<Uri>();
        foreach (var app in new[] { first, second })
        {
            app.UseKestrel(0);
            app.StartServer();
            instances.Add(app.CreateClient().BaseAddress!);
        }

        await using var varnish = await Varnish.StartAsync(varnishPort, [.. instances]);
        using var reader = new HttpClient { BaseAddress = varnish.Address };
        // Warm: a purge of everything that a starting instance sent (a new store) may still be on its way.
        await Eventually.HoldsAsync(async () => (await GetAsync(reader, "/articles/harbour")).Cache == "HIT", "Harbour's page is cached");
        // And again after the other instance's poll has had time to see the startup import's change (a HIT seen before
        // that poll is purged by it, which is not what this test is about).
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        await Eventually.HoldsAsync(async () => (await GetAsync(reader, "/articles/harbour")).Cache == "HIT", "Harbour's page is cached again");

        // An edit that does not touch Harbour, imported by the first instance: Varnish keeps Harbour's page.
        seeds.With(Story("Tunnel", "tunnel", "roads", "The tunnel is open."));
        await first.Services.GetRequiredService<SeedImport>().RunAsync(Ct);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        Assert.Equal("HIT", (await GetAsync(reader, "/articles/harbour")).Cache);

        // An edit of Harbour, imported by the second instance: purged, then fresh, within 2 s.
        seeds.With(Story("Harbour", "harbour", "port", "The harbour is closed for repairs."));
        await second.Services.GetRequiredService<SeedImport>().RunAsync(Ct);
        var since = Stopwatch.StartNew();
        (string Cache, string Body) page;
        do
        {
            page = await GetAsync(reader, "/articles/harbour");
            if (page.Body.Contains("closed for repairs", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(50, Ct);
        }
        while (since.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Contains("closed for repairs", page.Body, StringComparison.Ordinal);
        Assert.True(since.Elapsed < TimeSpan.FromSeconds(2), $"purged after {since.Elapsed.TotalMilliseconds:0} ms");
        // Cached again: the first instance purges the same keys once it polls the change (a second later, or more on a
        // loaded machine), so the fresh page may be fetched once more before it stays.
        await Eventually.HoldsAsync(async () => (await GetAsync(reader, "/articles/harbour")).Cache == "HIT", "the fresh page is cached again");
    }
}
