using System.Net;
using AngleSharp.Html.Dom;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>The original article through the real app: every part of its page, read with an HTML parser.</summary>
public sealed class ArticlePageTests : IClassFixture<ArticlePageTests.OriginalSite>
{
    public const string OriginalSlug = "capturing-kupiansk-is-russias-strategic-goal-in-kharkiv-oblast-military-spokesperson-says";
    private const string Headline = "Capturing Kupiansk is Russia's 'strategic goal' in Kharkiv Oblast, military spokesperson says";

    private readonly OriginalSite _site;

    public ArticlePageTests(OriginalSite site) => _site = site;

    private Task<IHtmlDocument> OriginalAsync() => _site.App.GetPageAsync($"/articles/{OriginalSlug}");

    [Fact]
    public async Task Headline_is_the_one_h1_and_the_title()
    {
        var page = await OriginalAsync();

        Assert.Equal(Headline, page.One("h1").Text());
        Assert.StartsWith(Headline, page.Title, StringComparison.Ordinal);
        Assert.Equal("News", page.One(".story-section").Text());
    }

    [Fact]
    public async Task Byline_has_author_job_title_date_and_reading_time()
    {
        var page = await OriginalAsync();

        Assert.Equal("Dmytro Basmat", page.One(".byline-name").Text());
        Assert.Equal("Senior News Editor", page.One(".byline-title").Text());
        var published = page.One(".byline time.published");
        Assert.Equal("2025-09-15T00:00:00Z", published.GetAttribute("datetime"));
        Assert.Equal("September 15, 2025", published.Text());
        Assert.Equal("2 min read", page.One(".reading-time").Text());
    }

    [Fact]
    public async Task Hero_figure_keeps_alt_caption_and_credit_with_a_quiet_line_for_the_missing_image()
    {
        var page = await OriginalAsync();

        // The capture names no picture file: what it showed, in words, not an empty box.
        var figure = page.One("figure.hero.hero-missing");
        Assert.Empty(figure.QuerySelectorAll("img, [role=img]"));
        Assert.Equal("Picture: " + Headline, figure.One(".hero-alt").Text());
        Assert.Equal("A view of the enterence to Kupiansk, Ukraine on Oct. 16, 2024.", figure.One("figcaption .caption").Text());
        Assert.Equal("Fermin Torrano/Anadolu via Getty Images", figure.One("figcaption .credit").Text());
    }

    [Fact]
    public async Task Body_is_the_source_paragraphs_in_order_unchanged()
    {
        var lines = File.ReadAllText(RepoPaths.Original).Split('\n');
        var expected = Enumerable.Range(8, 19).Where(i => i % 2 == 0).Select(i => lines[i]).ToList();

        var page = await OriginalAsync();

        var paragraphs = page.QuerySelectorAll(".story-body > p").Select(p => p.TextContent).ToList();
        Assert.Equal(expected, paragraphs);
        Assert.Empty(page.QuerySelectorAll(".story-body > :not(p)"));
    }

    [Fact]
    public async Task Related_teaser_and_author_card_are_shown()
    {
        var page = await OriginalAsync();

        var related = page.One(".related");
        Assert.Equal("Read more", related.One("h2").Text());
        var item = related.One(".related-item");
        Assert.Equal("After release from captivity, Russian POWs often \u2018sent back to die\u2019 in Ukraine", item.One(".related-title").Text());
        Assert.EndsWith("But we under", item.One(".related-excerpt").Text(), StringComparison.Ordinal);

        var card = page.One(".author-card");
        Assert.Equal("Dmytro Basmat", card.One(".author-name").Text());
        Assert.Equal("Senior News Editor", card.One(".author-title").Text());
        Assert.Equal("DB", card.One(".avatar-initials").Text());
        Assert.StartsWith("Dmytro Basmat is a senior news editor", card.One(".author-bio p").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_are_listed()
    {
        var page = await OriginalAsync();

        Assert.Equal(["Kharkiv Oblast", "Kupiansk"], page.QuerySelectorAll(".story-tags li").Select(li => li.Text()));
    }

    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData("/articles/CAPITALS")]
    [InlineData("/articles/with%20space")]
    [InlineData("/articles/%3Cscript%3E")]
    [InlineData("/no/such/page")]
    public async Task Unknown_address_answers_404_with_a_page_of_the_site(string url)
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await NewsFeedApp.ParseAsync(response);
        Assert.Equal("Page not found", page.One("h1").Text());
        Assert.Equal("News Feed", page.One(".site-name").Text());
    }

    [Fact]
    public async Task Internal_related_links_resolve_to_the_target_headline()
    {
        var page = await _site.App.GetPageAsync("/articles/linking-story");

        var link = page.One(".related-item a");
        Assert.Equal("/articles/target-story", link.GetAttribute("href"));
        Assert.Equal("Target story", link.Text());
    }

    public sealed class OriginalSite : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create()
            .WithOriginal()
            .With(new MarkdownArticle("Target story").WithSlug("target-story"))
            .With(new MarkdownArticle("Linking story").WithSlug("linking-story").WithField("related:\n  - target-story\n  - not-here"));

        public OriginalSite() => App = new NewsFeedApp(_seeds);

        public NewsFeedApp App { get; }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
