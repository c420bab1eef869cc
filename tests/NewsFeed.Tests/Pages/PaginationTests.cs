using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>Pages of 20: the Show More link appears exactly when more exist, on the feed and on listings.</summary>
public sealed class PaginationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SeedFolder Articles(int count, Func<MarkdownArticle, MarkdownArticle>? shape = null)
    {
        var seeds = SeedFolder.Create().Write("authors/ana-li.md", "---\nname: Ana Li\n---\n");
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= count; i++)
        {
            var article = new MarkdownArticle($"Article {i:D3}").PublishedOn(start.AddHours(i)).By("ana-li").Tagged("Paging").InSection("Tests");
            seeds.With(shape is null ? article : shape(article));
        }

        return seeds;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(40)]
    [InlineData(41)]
    public async Task Show_more_appears_exactly_when_more_articles_exist(int count)
    {
        using var seeds = Articles(count);
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var pages = (count + 19) / 20;
        var seen = new List<string>();
        var url = "/";
        for (var number = 1; number <= Math.Max(pages, 1); number++)
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await NewsFeedApp.ParseAsync(response);
            var headlines = page.QuerySelectorAll(".feed .card-headline a").Select(a => a.Text()).ToList();
            Assert.Equal(Math.Min(20, count - seen.Count), headlines.Count);
            seen.AddRange(headlines);

            var more = page.QuerySelector("a[data-show-more]");
            var relNext = page.QuerySelector("link[rel=next]");
            if (number < pages)
            {
                Assert.Equal($"/page/{number + 1}", more?.GetAttribute("href"));
                Assert.Equal($"/page/{number + 1}", relNext?.GetAttribute("href"));
                url = more!.GetAttribute("href")!;
            }
            else
            {
                Assert.Null(more);
                Assert.Null(relNext);
            }

            Assert.Equal(number == 1 ? null : number == 2 ? "/" : $"/page/{number - 1}", page.QuerySelector("link[rel=prev]")?.GetAttribute("href"));
        }

        // Every article exactly once, newest first, across the pages the links lead through.
        Assert.Equal(Enumerable.Range(1, count).Reverse().Select(i => $"Article {i:D3}"), seen);
        using var past = await client.GetAsync($"/page/{pages + 1}", Ct);
        Assert.Equal(pages == 0 ? HttpStatusCode.Moved : HttpStatusCode.NotFound, past.StatusCode);
    }

    [Theory]
    [InlineData("/page/0")]
    [InlineData("/page/-1")]
    [InlineData("/page/abc")]
    [InlineData("/page/2.5")]
    [InlineData("/page/99999999999999")]
    [InlineData("/page/")]
    [InlineData("/authors/ana-li/page/0")]
    [InlineData("/tags/paging/page/x")]
    [InlineData("/sections/tests/page/3")]
    public async Task Malformed_or_missing_page_numbers_answer_404(string url)
    {
        using var seeds = Articles(3);
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await NewsFeedApp.ParseAsync(response)).One("h1").Text());
    }

    [Theory]
    [InlineData("/page/1", "/")]
    [InlineData("/authors/ana-li/page/1", "/authors/ana-li")]
    [InlineData("/tags/paging/page/1", "/tags/paging")]
    public async Task Page_one_redirects_to_the_listing_itself(string url, string target)
    {
        using var seeds = Articles(1);
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/authors/ana-li")]
    [InlineData("/tags/paging")]
    [InlineData("/sections/tests")]
    public async Task Listings_are_paged_like_the_feed(string basePath)
    {
        using var seeds = Articles(21);
        using var app = new NewsFeedApp(seeds);

        var first = await app.GetPageAsync(basePath);
        Assert.Equal(20, first.QuerySelectorAll(".feed .card").Length);
        Assert.Equal($"{basePath}/page/2", first.One("a[data-show-more]").GetAttribute("href"));

        var second = await app.GetPageAsync($"{basePath}/page/2");
        Assert.Equal("Article 001", second.One(".feed .card-headline a").Text());
        Assert.Null(second.QuerySelector("a[data-show-more]"));
        Assert.Equal(basePath, second.One("a[rel=prev]").GetAttribute("href"));
    }
}
