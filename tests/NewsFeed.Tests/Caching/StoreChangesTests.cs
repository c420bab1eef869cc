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
            Assert.Contains(reader.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Another instance's import changed the store", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Another_instances_import_evicts_here_only_what_it_touched()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("First headline").WithSlug("first").Tagged("port"))
            .With(new MarkdownArticle("Other headline").WithSlug("other").Tagged("roads"));
        using var importer = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:StorePollSeconds", "1");
        _ = importer.Services;
        using var reader = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:StorePollSeconds", "1");
        using var client = reader.CreateClient();
        foreach (var url in new[] { "/", "/articles/first", "/articles/other", "/tags/roads" })
        {
            await BodyAsync(client, url);
        }

        seeds.With(new MarkdownArticle("First headline").WithSlug("first").Tagged("port").WithBody("A corrected first story."));
        await importer.Services.GetRequiredService<SeedImport>().RunAsync(Ct);

        await Eventually.HoldsAsync(
            async () => (await BodyAsync(client, "/articles/first")).Contains("A corrected first story.", StringComparison.Ordinal),
            "the other instance's edit is on this instance's article page", TimeSpan.FromSeconds(10));
        foreach (var url in new[] { "/articles/other", "/tags/roads" })
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.True(response.Headers.Age is not null, $"{url} was evicted");
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
