using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Caching;

/// <summary>
/// What an instance tells the shared caches in front, seen by a listener standing in for one: the keys of each
/// change, and "all" when a build or the site's settings first meet the store (pages in front were made otherwise).
/// </summary>
public sealed class SharedCachePurgeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_store_or_new_settings_purge_everything_an_edit_its_keys_and_a_plain_restart_nothing()
    {
        var port = Varnish.FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var purges = new ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    purges.Enqueue($"{context.Request.HttpMethod} {context.Request.Headers["xkey-purge"]}");
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        }, Ct);

        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Harbour").WithSlug("harbour"));
        var database = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db");
        NewsFeedApp Instance() => new NewsFeedApp(seeds, database).WithSetting("NewsFeed:OutputCache:PurgeUrls:0", $"http://127.0.0.1:{port}/");

        using (var first = Instance())
        {
            _ = first.Services;
            await Eventually.HoldsAsync(() => purges.Contains("PURGE all"), "a new store purges everything");

            // A paragraph added at the end: the teaser (first paragraph) stays, so only the article's body key goes.
            seeds.With(new MarkdownArticle("Harbour").WithSlug("harbour").WithBody("A paragraph of body text that is long enough to read.\n\nA new paragraph."));
            await first.Services.GetRequiredService<SeedImport>().RunAsync(Ct);
            await Eventually.HoldsAsync(() => purges.Contains("PURGE b-harbour search sitemap"), "an edit purges its keys, and only those");
        }

        purges.Clear();
        using (var second = Instance())
        {
            _ = second.Services;
            await second.Services.GetRequiredService<StartupImport>().Completion;
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            // The same build on the same store, nothing changed: the cache in front keeps everything.
            Assert.Empty(purges);
        }

        // New site settings change every page (its name is in every title): the cache in front is purged whole.
        using var renamed = Instance().WithSetting("NewsFeed:Site:Name", "Harbour News");
        _ = renamed.Services;
        await Eventually.HoldsAsync(() => purges.Contains("PURGE all"), "new settings purge everything");
    }
}
