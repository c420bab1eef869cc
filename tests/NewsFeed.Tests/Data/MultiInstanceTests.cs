using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Data;

/// <summary>
/// Three instances on one store and one seeds folder (a shared volume or a git checkout), started at once, each
/// watching the folder. On the PostgreSQL leg this is the deployment the README describes; on SQLite, three
/// processes on one file.
/// </summary>
public sealed class MultiInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<Serilog.Events.LogEvent> Imports(NewsFeedApp app) =>
        app.Logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("Seed import of", StringComparison.Ordinal));

    private static int Imported(Serilog.Events.LogEvent e) => int.Parse(e.Properties["Imported"].ToString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_seed_change_reaches_every_instance_and_only_one_imports_it()
    {
        using var seeds = SeedFolder.Create().WithOriginal().With(new MarkdownArticle("First headline").WithSlug("first"));
        var apps = Enumerable.Range(0, 3).Select(_ => new NewsFeedApp(seeds)
            .WithSetting("NewsFeed:WatchSeeds", "true")
            .WithSetting("NewsFeed:OutputCache:StorePollSeconds", "1")).ToList();
        try
        {
            await Task.WhenAll(apps.Select(app => Task.Run(() => app.Services, Ct)));
            var clients = apps.Select(app => app.CreateClient()).ToList();
            foreach (var client in clients)
            {
                // Each instance renders and caches its home page before the change.
                var home = await client.GetStringAsync("/", Ct);
                Assert.Contains("First headline", home, StringComparison.Ordinal);
                Assert.DoesNotContain("Second headline", home, StringComparison.Ordinal);
            }

            // Started together: one instance filled the store, the others found every file unchanged.
            Assert.Equal(1, apps.Count(app => Imports(app).Any(e => Imported(e) > 0)));
            var before = apps.Select(app => Imports(app).Count()).ToList();

            seeds.With(new MarkdownArticle("Second headline").WithSlug("second"));
            for (var i = 0; i < clients.Count; i++)
            {
                var client = clients[i];
                await Eventually.HoldsAsync(
                    async () =>
                    {
                        using var article = await client.GetAsync("/articles/second", Ct);
                        return article.StatusCode == HttpStatusCode.OK
                            && (await client.GetStringAsync("/", Ct)).Contains("Second headline", StringComparison.Ordinal);
                    },
                    $"instance {i} serves the new article and lists it on its cached home page", TimeSpan.FromSeconds(15));
            }

            // Every watching instance checked the folder; the change was imported by exactly one of them.
            await Eventually.HoldsAsync(
                () => Task.FromResult(apps.Select((app, i) => Imports(app).Count() > before[i]).All(x => x)),
                "every instance has run its import of the change", TimeSpan.FromSeconds(15));
            var changeImports = apps.SelectMany((app, i) => Imports(app).Skip(before[i])).ToList();
            Assert.Equal(1, changeImports.Count(e => Imported(e) == 1));
            Assert.All(changeImports.Where(e => Imported(e) != 1), e => Assert.Equal(0, Imported(e)));
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            foreach (var app in apps)
            {
                app.Dispose();
            }
        }
    }
}
