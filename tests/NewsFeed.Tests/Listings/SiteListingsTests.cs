using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Listings;

/// <summary>A running instance's listings, held in memory, show what each import changed on the next request.</summary>
public sealed class SiteListingsTests
{
    private static readonly DateTime Day = new(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_running_instance_lists_what_an_import_changed_at_once()
    {
        using var seeds = SeedFolder.Create()
            .Write("authors/jo.md", "---\nname: Jo Writer\n---\n")
            .With(new MarkdownArticle("One").WithSlug("one").By("jo").InSection("Science").Tagged("water").PublishedOn(Day))
            .With(new MarkdownArticle("Two").WithSlug("two").InSection("Arts").Tagged("land").PublishedOn(Day.AddDays(1)))
            .With(new MarkdownArticle("Three").WithSlug("three").Tagged("water").PublishedOn(Day.AddDays(2)).AsDraft());
        using var app = new NewsFeedApp(seeds);
        async Task<List<string>> ListedAsync(string path) =>
            [.. (await app.GetPageAsync(path)).QuerySelectorAll(".feed .card-headline").Select(h => h.TextContent.Trim())];
        async Task<List<string>> BylinesAsync(string path) =>
            [.. (await app.GetPageAsync(path)).QuerySelectorAll(".feed .card").Select(c => c.QuerySelector(".card-author")?.TextContent.Trim() ?? "")];
        async Task ImportAsync() => await app.Services.GetRequiredService<SeedImport>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["Two", "One"], await ListedAsync("/"));
        Assert.Equal(["One"], await ListedAsync("/tags/water"));
        Assert.Equal(["Two"], await ListedAsync("/sections/arts"));
        Assert.Equal(["One"], await ListedAsync("/authors/jo"));
        Assert.Equal(["", "Jo Writer"], await BylinesAsync("/"));

        // Retagged and moved, a deletion, a draft published, a new article, the author renamed: one import.
        seeds.With(new MarkdownArticle("One").WithSlug("one").By("jo").InSection("Arts").Tagged("land").PublishedOn(Day));
        seeds.Delete("two.md");
        seeds.With(new MarkdownArticle("Three").WithSlug("three").Tagged("water").PublishedOn(Day.AddDays(2)));
        seeds.With(new MarkdownArticle("Four").WithSlug("four").By("jo").InSection("Science").Tagged("water").PublishedOn(Day.AddDays(3)));
        seeds.Write("authors/jo.md", "---\nname: Jo Reporter\n---\n");
        await ImportAsync();

        Assert.Equal(["Four", "Three", "One"], await ListedAsync("/"));
        Assert.Equal(["Reporter", "", "Reporter"], (await BylinesAsync("/")).Select(b => b.Split(' ').Last()));
        Assert.Equal(["Four", "Three"], await ListedAsync("/tags/water"));
        Assert.Equal(["One"], await ListedAsync("/tags/land"));
        Assert.Equal(["One"], await ListedAsync("/sections/arts"));
        Assert.Equal(["Four"], await ListedAsync("/sections/science"));
        Assert.Equal(["Four", "One"], await ListedAsync("/authors/jo"));

        // The author file gone: the cards lose their byline and stay listed.
        seeds.Delete("authors/jo.md");
        await ImportAsync();
        Assert.Equal(["", "", ""], await BylinesAsync("/"));
        Assert.Equal(["Four", "Three", "One"], await ListedAsync("/"));
    }
}
