using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Preview;

/// <summary>What preview mode adds to the pages (drafts, scheduled articles, the problems bar and page), and that none of it exists when preview is off.</summary>
public sealed class PreviewPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SeedFolder DraftAndScheduled() => SeedFolder.Create()
        .With(new MarkdownArticle("Public story").WithSlug("public-story"))
        .With(new MarkdownArticle("Draft story").WithSlug("draft-story").AsDraft())
        .With(new MarkdownArticle("Scheduled story").WithSlug("scheduled-story").PublishedOn(new DateTime(2099, 3, 1, 9, 30, 0, DateTimeKind.Utc)));

    private static async Task<HttpStatusCode> StatusAsync(NewsFeedApp app, string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_shown_with_banners_in_preview()
    {
        using var seeds = DraftAndScheduled();
        using var app = new NewsFeedApp(seeds).InPreview();

        var feed = await app.GetPageAsync("/");
        var cards = feed.QuerySelectorAll(".card");
        Assert.Equal(3, cards.Length);
        var draftCard = Assert.Single(cards, c => c.One(".card-headline").Text() == "Draft story");
        Assert.Equal("Draft", draftCard.One(".preview-banner").Text());
        var scheduledCard = Assert.Single(cards, c => c.One(".card-headline").Text() == "Scheduled story");
        Assert.Equal("Scheduled for March 1, 2099, 09:30 UTC", scheduledCard.One(".preview-scheduled").Text());
        Assert.Empty(cards.Single(c => c.One(".card-headline").Text() == "Public story").QuerySelectorAll(".preview-banner"));

        var draft = await app.GetPageAsync("/articles/draft-story");
        Assert.Equal("Draft", draft.One(".story-header .preview-draft").Text());
        var scheduled = await app.GetPageAsync("/articles/scheduled-story");
        Assert.Equal("2099-03-01T09:30:00Z", scheduled.One(".story-header .preview-scheduled time").GetAttribute("datetime"));
        Assert.Empty((await app.GetPageAsync("/articles/public-story")).QuerySelectorAll(".preview-banner"));
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_never_visible_when_preview_is_off()
    {
        using var seeds = DraftAndScheduled();
        using var app = new NewsFeedApp(seeds);

        var feed = await app.GetPageAsync("/");

        Assert.Equal(["Public story"], feed.QuerySelectorAll(".card-headline").Select(h => h.Text()));
        Assert.Empty(feed.QuerySelectorAll(".preview-banner, .preview-bar, script[src*='preview'], link[href*='preview']"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/articles/draft-story"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/articles/scheduled-story"));
    }

    [Fact]
    public async Task A_related_draft_links_in_preview_and_not_outside_it()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Draft target").WithSlug("draft-target").AsDraft())
            .With(new MarkdownArticle("Linking").WithSlug("linking").WithField("related:\n  - draft-target"));
        using var preview = new NewsFeedApp(seeds).InPreview();

        var page = await preview.GetPageAsync("/articles/linking");

        Assert.Equal("/articles/draft-target", page.One(".related-item a").GetAttribute("href"));
    }

    [Theory]
    [InlineData("/_preview/problems")]
    [InlineData("/_preview/events")]
    [InlineData("/js/preview.js")]
    public async Task Preview_addresses_answer_404_when_preview_is_off(string url)
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story"));
        using var app = new NewsFeedApp(seeds);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, url));
    }

    [Fact]
    public async Task Preview_pages_load_the_external_preview_script_which_is_served()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story"));
        using var app = new NewsFeedApp(seeds).InPreview();

        var feed = await app.GetPageAsync("/");
        var script = feed.One("script[src*='/js/preview']");
        using var client = app.CreateClient();
        using var response = await client.GetAsync(script.GetAttribute("src"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/_preview/events", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(script.GetAttribute("data-version")));
        Assert.Empty(feed.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task No_problems_no_bar()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story"));
        using var app = new NewsFeedApp(seeds).InPreview();

        Assert.Empty((await app.GetPageAsync("/")).QuerySelectorAll(".preview-bar"));
    }

    [Fact]
    public async Task Every_page_shows_a_dismissible_problems_bar_with_the_count_linking_to_the_problems_page()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Story").WithSlug("story"))
            .Write("broken.md", "---\nheadline: Broken\npublished: 03/04/2025\n---\nBody.\n")
            .Write("typo.md", "---\nheadline: Typo\npublished: 2025-01-01\nsectoin: News\n---\nBody.\n");
        using var app = new NewsFeedApp(seeds).InPreview();

        foreach (var url in new[] { "/", "/articles/story", "/no/such/page" })
        {
            using var client = app.CreateClient();
            using var response = await client.GetAsync(url, Ct);
            var page = await NewsFeedApp.ParseAsync(response);

            var bar = page.One("details.preview-bar");
            Assert.True(bar.HasAttribute("open"));
            var link = bar.One("summary a");
            Assert.Equal("/_preview/problems", link.GetAttribute("href"));
            Assert.Equal("1 error and 1 warning in 2 seed files", link.Text());
            Assert.NotNull(bar.One("button.preview-dismiss"));
            Assert.Empty(bar.QuerySelectorAll(".preview-kept"));
        }
    }

    [Fact]
    public async Task Problems_page_lists_every_file_with_its_state_problems_and_article()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Story").WithSlug("story"))
            .Write("broken.md", "---\nheadline: Broken\npublished: 03/04/2025\n---\nBody.\n")
            .Write("typo.md", "---\nheadline: Typo\nslug: typo\npublished: 2025-01-01\nsectoin: News\n---\nBody.\n")
            .Write("notes.docx", "not a seed");
        using var app = new NewsFeedApp(seeds).InPreview();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/_preview/problems", Ct);
        var page = await NewsFeedApp.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var files = page.QuerySelectorAll(".seed-file");
        Assert.Equal(["broken.md", "notes.docx", "typo.md", "story.md"], files.Select(f => f.GetAttribute("data-path")));

        var broken = files[0];
        Assert.Equal("skipped", broken.One(".seed-state").Text());
        Assert.Empty(broken.QuerySelectorAll(".seed-article"));
        var problem = broken.One(".seed-problem.seed-error");
        Assert.Equal("broken.md:3:12", problem.One(".seed-location").Text());
        Assert.StartsWith("published: '03/04/2025' is not a date", problem.One(".seed-message").Text(), StringComparison.Ordinal);

        Assert.Equal("ignored", files[1].One(".seed-state").Text());
        var typo = files[2];
        Assert.Equal(("imported", "1 warning"), (typo.One(".seed-state").Text(), typo.One(".seed-warnings").Text()));
        Assert.Equal("typo.md:5:1", typo.One(".seed-warning .seed-location").Text());
        Assert.Equal("/articles/typo", typo.One("a.seed-article").GetAttribute("href"));

        Assert.Equal("/articles/story", files[3].One("a.seed-article").GetAttribute("href"));
        Assert.Empty(files[3].QuerySelectorAll(".seed-problem"));
    }

    [Fact]
    public void An_unreadable_preview_switch_stops_startup_naming_the_setting()
    {
        using var seeds = SeedFolder.Create();
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:Preview", "yes");

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("NewsFeed:Preview is 'yes'", error.ToString(), StringComparison.Ordinal);
    }
}
