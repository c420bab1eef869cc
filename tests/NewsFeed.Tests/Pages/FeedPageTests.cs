using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

public sealed class FeedPageTests
{
    [Fact]
    public async Task Feed_lists_public_articles_newest_first_with_teaser_parts()
    {
        using var seeds = SeedFolder.Create()
            .WithOriginal()
            .Write("authors/ana-li.md", "---\nname: Ana Li\njob_title: Reporter\n---\nAna writes guides.\n")
            .With(new MarkdownArticle("Newest guide").PublishedOn(new DateTime(2025, 10, 1, 8, 0, 0, DateTimeKind.Utc)).By("ana-li").WithDek("The dek."))
            .With(new MarkdownArticle("Older guide").PublishedOn(new DateTime(2025, 9, 1, 8, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("Draft guide").AsDraft())
            .With(new MarkdownArticle("Scheduled guide").PublishedOn(DateTime.UtcNow.AddDays(30)));
        using var app = new NewsFeedApp(seeds);

        var page = await app.GetPageAsync("/");

        var cards = page.QuerySelectorAll(".feed .card");
        Assert.Equal(
            ["Newest guide", "Capturing Kupiansk is Russia's 'strategic goal' in Kharkiv Oblast, military spokesperson says", "Older guide"],
            cards.Select(c => c.One(".card-headline a").Text()));
        var first = cards[0];
        Assert.Equal("/articles/newest-guide", first.One(".card-headline a").GetAttribute("href"));
        Assert.Equal("The dek.", first.One(".card-excerpt").Text());
        Assert.Equal("Ana Li", first.One(".card-author").Text());
        Assert.Equal("2025-10-01T08:00:00Z", first.One("time").GetAttribute("datetime"));
        Assert.Equal("1 min read", first.One(".card-reading").Text());
        Assert.Equal("2 min read", cards[1].One(".card-reading").Text());
        Assert.Equal("Dmytro Basmat", cards[1].One(".card-author").Text());
        Assert.StartsWith("Capturing the city of Kupiansk", cards[1].One(".card-excerpt").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_have_no_public_page()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Draft guide").AsDraft())
            .With(new MarkdownArticle("Scheduled guide").PublishedOn(DateTime.UtcNow.AddDays(30)));
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/articles/draft-guide", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/articles/scheduled-guide", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(2, app.LastImport.Imported);
    }

    [Fact]
    public async Task An_empty_seeds_folder_serves_an_empty_feed()
    {
        using var seeds = SeedFolder.Create();
        using var app = new NewsFeedApp(seeds);

        var page = await app.GetPageAsync("/");

        Assert.Empty(page.QuerySelectorAll(".card"));
        Assert.NotNull(page.QuerySelector(".empty"));
    }

    [Fact]
    public async Task Site_name_and_language_come_from_configuration()
    {
        using var seeds = SeedFolder.Create();
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:Site:Name", "Harbor Daily").WithSetting("NewsFeed:Site:Language", "en-GB");

        var page = await app.GetPageAsync("/");

        Assert.Equal("Harbor Daily", page.One(".site-name").Text());
        Assert.Equal("Harbor Daily", page.Title);
        Assert.Equal("en-GB", page.DocumentElement.GetAttribute("lang"));
    }
}
