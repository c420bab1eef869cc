using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>The links and parts an article page adds around the story: author, section, tags, read more.</summary>
public sealed class ArticlePartsTests : IClassFixture<ArticlePartsTests.Site>
{
    private readonly Site _site;

    public ArticlePartsTests(Site site) => _site = site;

    [Fact]
    public async Task Byline_section_tags_and_author_card_link_to_their_pages()
    {
        var page = await _site.App.GetPageAsync("/articles/main");

        Assert.Equal("/authors/ana-li", page.One(".byline a.byline-name").GetAttribute("href"));
        Assert.Equal("/sections/science", page.One(".story-section a").GetAttribute("href"));
        Assert.Equal(["/tags/lakes", "/tags/water"], page.QuerySelectorAll(".story-tags a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/authors/ana-li", page.One(".author-card .author-name a").GetAttribute("href"));
    }

    [Fact]
    public async Task Updated_date_is_shown_when_it_differs_from_the_published_day()
    {
        var page = await _site.App.GetPageAsync("/articles/main");

        var updated = page.One(".byline .updated time");
        Assert.Equal("2025-06-03T09:00:00Z", updated.GetAttribute("datetime"));
        Assert.Equal("June 3, 2025", updated.Text());
        Assert.Null((await _site.App.GetPageAsync("/articles/own-link")).QuerySelector(".byline .updated"));
    }

    [Fact]
    public async Task Hero_image_has_size_alt_and_loads_eagerly()
    {
        var page = await _site.App.GetPageAsync("/articles/main");

        var img = page.One("figure.hero img");
        Assert.Matches("^/img/[0-9a-f]{20}/1200\\.jpg$", img.GetAttribute("src"));
        Assert.Equal("A calm lake", img.GetAttribute("alt"));
        Assert.Equal("eager", img.GetAttribute("loading"));
        Assert.NotNull(img.GetAttribute("width"));
        Assert.NotNull(img.GetAttribute("height"));
    }

    [Fact]
    public async Task Read_more_lists_own_links_first_then_newest_articles_sharing_a_tag_up_to_four()
    {
        var page = await _site.App.GetPageAsync("/articles/main");

        var items = page.QuerySelectorAll(".related-item");
        Assert.Equal(
            ["Own link", "Lake report", "Newest water", "Newer water"],
            items.Select(i => i.One(".related-title").Text()));
        Assert.Equal("/articles/own-link", items[0].One("a").GetAttribute("href"));
        Assert.Equal("https://example.org/report", items[1].One("a").GetAttribute("href"));
        Assert.Equal("example.org", items[1].One(".related-host").Text());
        Assert.Equal("The full report.", items[1].One(".related-excerpt").Text());
    }

    [Fact]
    public async Task The_first_teaser_image_loads_first_and_is_sized()
    {
        var page = await _site.App.GetPageAsync("/");

        // The first card's picture is the largest paint of the page: eager; any later one lazy. Sized either way.
        var img = page.One(".card img.card-image");
        Assert.Equal("eager", img.GetAttribute("loading"));
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.Equal("1200", img.GetAttribute("width"));
        Assert.Equal("675", img.GetAttribute("height"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/main")]
    [InlineData("/authors")]
    [InlineData("/authors/ana-li")]
    [InlineData("/tags")]
    [InlineData("/tags/water")]
    [InlineData("/sections/science")]
    [InlineData("/about")]
    public async Task Every_page_has_landmarks_a_skip_link_one_h1_and_ordered_headings(string url)
    {
        var page = await _site.App.GetPageAsync(url);

        Assert.Equal("#main", page.One("a.skip-link").GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Equal("main", page.One("main").Id);
        Assert.NotNull(page.QuerySelector("footer.site-footer"));
        Assert.Equal("/search", page.One("form[role=search]").GetAttribute("action"));
        Assert.Equal("get", page.One("form[role=search]").GetAttribute("method"));
        Assert.Single(page.QuerySelectorAll("h1"));
        var levels = page.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"heading jumps from h{pair.First} to h{pair.Second}"));
        Assert.All(page.QuerySelectorAll("img"), img => Assert.True(img.HasAttribute("alt"), "every img has an alt attribute"));
        Assert.Equal(["/feed.xml", "/feed.json"], page.QuerySelectorAll("footer a[href^='/feed']").Select(a => a.GetAttribute("href")));
    }

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create()
            .WriteBytes("images/lake.png", TestImages.Png(1600, 900))
            .Write("authors/ana-li.md", "---\nname: Ana Li\n---\nBio.\n")
            .With(new MarkdownArticle("Main story").WithSlug("main").By("ana-li").InSection("Science").Tagged("Water", "Lakes")
                .PublishedOn(new DateTime(2025, 6, 1, 9, 0, 0, DateTimeKind.Utc))
                .WithField("updated: 2025-06-03T09:00:00Z\nimage:\n  src: images/lake.png\n  alt: A calm lake\n  caption: The lake.\n  credit: Ana Li")
                .WithField("related:\n  - own-link\n  - url: https://example.org/report\n    title: Lake report\n    excerpt: The full report."))
            .With(new MarkdownArticle("Own link").WithSlug("own-link").Tagged("Other").PublishedOn(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("Oldest water").Tagged("Water").PublishedOn(new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("Newer water").Tagged("Water").PublishedOn(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("Newest water").Tagged("Lakes").PublishedOn(new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("Draft water").Tagged("Water").AsDraft());

        public Site() => App = new NewsFeedApp(_seeds);

        public NewsFeedApp App { get; }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}

public sealed class ErrorPageTests
{
    [Fact]
    public async Task A_failure_answers_500_with_a_page_of_the_site_and_no_exception_text()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story"));
        using var app = new NewsFeedApp(seeds);
        _ = app.Services;
        // Break the store under the running app: the next query throws.
        await TestStore.ExecuteAsync(app.DatabasePath, TestStore.IsPostgres
            ? "DROP TABLE \"Articles\" CASCADE;"
            : "PRAGMA foreign_keys=OFF; DROP TABLE ArticleTags; DROP TABLE RelatedLinks; DROP TABLE Articles;");

        using var client = app.CreateClient();
        using var response = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await NewsFeedApp.ParseAsync(response);
        Assert.Equal("Something went wrong", page.One("h1").Text());
        Assert.NotNull(page.QuerySelector("form[role=search]"));
        Assert.DoesNotContain("Sqlite", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no such table", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("does not exist", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
