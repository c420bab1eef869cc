using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Caching;

/// <summary>Two instances on one store: an import by one evicts the other's cached pages within moments.</summary>
public sealed class StoreChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<(NewsFeedApp Importer, NewsFeedApp Reader, HttpClient Client)> StartAsync(SeedFolder seeds, string readerPollSeconds)
    {
        var importer = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:StorePollSeconds", "1");
        _ = importer.Services;
        var reader = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:StorePollSeconds", readerPollSeconds);
        var client = reader.CreateClient();
        Assert.Contains("First headline", await BodyAsync(client, "/"), StringComparison.Ordinal);
        using var cached = await client.GetAsync("/", Ct);
        Assert.NotNull(cached.Headers.Age);

        seeds.With(new MarkdownArticle("Second headline").WithSlug("second"));
        await importer.Services.GetRequiredService<SeedImport>().ImportChangesAsync(["second.md"], Ct);
        return (importer, reader, client);
    }

    [Fact]
    public async Task An_import_by_another_instance_evicts_this_instances_cached_pages()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("First headline").WithSlug("first"));
        var (importer, reader, client) = await StartAsync(seeds, readerPollSeconds: "1");
        using (importer)
        using (reader)
        using (client)
        {
            await Eventually.HoldsAsync(
                async () => (await BodyAsync(client, "/")).Contains("Second headline", StringComparison.Ordinal),
                "the other instance's new article is on this instance's home page", TimeSpan.FromSeconds(10));
            Assert.Contains(reader.Logs.Events, e => e.MessageTemplate.Text.StartsWith("The store's content changed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_polling_the_cached_page_stays_as_it_was()
    {
        // The control for the test above: it is the poll that evicts, not something else.
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("First headline").WithSlug("first"));
        var (importer, reader, client) = await StartAsync(seeds, readerPollSeconds: "0");
        using (importer)
        using (reader)
        using (client)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
            Assert.DoesNotContain("Second headline", await BodyAsync(client, "/"), StringComparison.Ordinal);
        }
    }
}
