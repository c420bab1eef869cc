using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>Author, tag and section pages and their indexes; drafts and scheduled articles never appear.</summary>
public sealed class ListingPageTests : IClassFixture<ListingPageTests.Site>
{
    private readonly Site _site;

    public ListingPageTests(Site site) => _site = site;

    [Fact]
    public async Task Author_page_shows_profile_and_only_that_authors_public_articles()
    {
        var page = await _site.App.GetPageAsync("/authors/ana-li");

        Assert.Equal("Ana Li", page.One("h1").Text());
        Assert.Equal("Science Editor", page.One(".profile-title").Text());
        Assert.Equal("Ana writes about rivers.", page.One(".profile-bio").Text());
        var avatar = page.One(".profile img.avatar");
        Assert.Matches("^/img/[0-9a-f]{20}/480\\.jpg$", avatar.GetAttribute("src"));
        Assert.Equal("96px", avatar.GetAttribute("sizes"));
        Assert.Equal("", avatar.GetAttribute("alt"));
        Assert.Equal(["River survey", "Lake survey"], page.QuerySelectorAll(".feed .card-headline a").Select(a => a.Text()));
    }

    [Fact]
    public async Task Author_without_avatar_shows_initials()
    {
        var page = await _site.App.GetPageAsync("/authors/bo-chen");

        Assert.Equal("BC", page.One(".profile .avatar-initials").Text());
        Assert.Equal("true", page.One(".profile .avatar-initials").GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task Tag_page_lists_the_public_articles_with_that_tag()
    {
        var page = await _site.App.GetPageAsync("/tags/water");

        Assert.Equal("Water", page.One("h1").Text());
        Assert.Equal(["City water", "River survey", "Lake survey"], page.QuerySelectorAll(".feed .card-headline a").Select(a => a.Text()));
    }

    [Fact]
    public async Task Section_page_lists_the_public_articles_in_that_section()
    {
        var page = await _site.App.GetPageAsync("/sections/science");

        Assert.Equal("Science", page.One("h1").Text());
        Assert.Equal(["River survey", "Lake survey"], page.QuerySelectorAll(".feed .card-headline a").Select(a => a.Text()));
    }

    [Fact]
    public async Task Authors_index_lists_authors_with_public_article_counts()
    {
        var page = await _site.App.GetPageAsync("/authors");

        var entries = page.QuerySelectorAll(".directory-entry");
        Assert.Equal(["Ana Li", "Bo Chen"], entries.Select(e => e.One(".directory-name").Text()));
        Assert.Equal("/authors/ana-li", entries[0].One("a").GetAttribute("href"));
        Assert.Equal(["2 articles", "1 article"], entries.Select(e => e.One(".directory-count").Text()));
    }

    [Fact]
    public async Task Tags_index_lists_tags_in_use_by_public_articles()
    {
        var page = await _site.App.GetPageAsync("/tags");

        var links = page.QuerySelectorAll(".tag-cloud a");
        Assert.Equal(["/tags/lakes", "/tags/water"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("Water (3)", links[1].Text());
    }

    [Fact]
    public async Task Header_lists_sections_with_public_articles()
    {
        var page = await _site.App.GetPageAsync("/");

        var nav = page.One("nav.site-nav");
        Assert.Equal(["Latest", "City", "Science"], nav.QuerySelectorAll("a").Select(a => a.Text()));
        Assert.Equal("page", nav.One("a[href='/']").GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/authors/ana-li")]
    [InlineData("/authors/bo-chen")]
    [InlineData("/tags/water")]
    [InlineData("/sections/science")]
    [InlineData("/sections/drafts")]
    [InlineData("/authors")]
    [InlineData("/tags")]
    public async Task Drafts_and_scheduled_articles_never_appear(string url)
    {
        var page = await _site.App.GetPageAsync(url);

        Assert.DoesNotContain("Secret draft", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Future piece", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("a[href='/tags/hidden']"));
    }

    [Theory]
    [InlineData("/authors/nobody")]
    [InlineData("/tags/nothing")]
    [InlineData("/sections/nowhere")]
    public async Task Unknown_author_tag_or_section_answers_404(string url)
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create()
            .WriteBytes("images/ana.png", TestImages.Png(1600, 900))
            .Write("authors/ana-li.md", "---\nname: Ana Li\njob_title: Science Editor\navatar: images/ana.png\n---\nAna writes about rivers.\n")
            .Write("authors/bo-chen.md", "---\nname: Bo Chen\n---\n")
            .With(new MarkdownArticle("Lake survey").By("ana-li").InSection("Science").Tagged("Water", "Lakes").PublishedOn(new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("River survey").By("ana-li").InSection("Science").Tagged("Water").PublishedOn(new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("City water").By("bo-chen").InSection("City").Tagged("Water").PublishedOn(new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc)))
            .With(new MarkdownArticle("Secret draft").By("ana-li").InSection("Science").Tagged("Water", "Hidden").AsDraft())
            .With(new MarkdownArticle("Future piece").By("bo-chen").InSection("Drafts").Tagged("Hidden").PublishedOn(DateTime.UtcNow.AddYears(1)));

        public Site() => App = new NewsFeedApp(_seeds);

        public NewsFeedApp App { get; }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
