using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Search;

namespace NewsFeed.Tests.Search;

public sealed class SearchTests : IClassFixture<SearchTests.Site>
{
    private readonly Site _site;

    public SearchTests(Site site) => _site = site;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> SearchAsync(string query, string extra = "") =>
        await _site.App.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}{extra}");

    private static List<string> Headlines(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".search-results .card-headline a").Select(a => a.Text()).ToList();

    [Fact]
    public async Task A_headline_match_ranks_above_a_body_match()
    {
        var page = await SearchAsync("lighthouse");

        Assert.Equal(["The lighthouse keeper", "Harbour notes"], Headlines(page));
        Assert.Equal("2 results for “lighthouse”", page.One(".search-summary").Text());
    }

    [Fact]
    public async Task Matches_are_marked_in_headline_and_snippet_and_content_stays_text()
    {
        var page = await SearchAsync("harbour");

        var hit = page.QuerySelectorAll(".search-results .card").Single(c => c.One(".card-headline").Text() == "Harbour notes");
        Assert.Equal("Harbour", hit.One(".card-headline mark").Text());
        Assert.Contains(hit.QuerySelectorAll(".search-snippet mark"), m => m.Text() == "harbour");
        Assert.Empty(hit.QuerySelectorAll(".search-snippet script, .search-snippet b"));
        Assert.Contains("<script>", hit.One(".search-snippet").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_word_matches_as_a_prefix()
    {
        Assert.Equal(["The lighthouse keeper", "Harbour notes"], Headlines(await SearchAsync("lighth")));
        Assert.Empty(Headlines(await SearchAsync("lighth keeperz")));
    }

    [Fact]
    public async Task Authors_and_tags_are_searched()
    {
        Assert.Equal(["Harbour notes"], Headlines(await SearchAsync("Quentin")));
        Assert.Equal(["The lighthouse keeper"], Headlines(await SearchAsync("maritime")));
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_are_never_found()
    {
        Assert.Empty(Headlines(await SearchAsync("secretword")));
        Assert.Equal("No results for “secretword”. Try fewer or different words.", (await SearchAsync("secretword")).One(".search-summary").Text());
    }

    [Fact]
    public async Task Results_are_paged_by_twenty_with_show_more()
    {
        var first = await SearchAsync("bulk");
        Assert.Equal(20, Headlines(first).Count);
        Assert.Equal("/search?q=bulk&p=2", first.One("a[data-show-more]").GetAttribute("href"));
        Assert.Equal("/search?q=bulk&p=2", first.One("link[rel=next]").GetAttribute("href"));

        var second = await _site.App.GetPageAsync("/search?q=bulk&p=2");
        Assert.Equal(5, Headlines(second).Count);
        Assert.Equal("25 results for “bulk”", first.One(".search-summary").Text());
        Assert.Equal("25 results for “bulk”", second.One(".search-summary").Text());
        Assert.Null(second.QuerySelector("a[data-show-more]"));
        Assert.Empty(Headlines(first).Intersect(Headlines(second)));
    }

    [Fact]
    public async Task An_empty_query_shows_the_search_page()
    {
        foreach (var url in new[] { "/search", "/search?q=", "/search?q=%20%20" })
        {
            var page = await _site.App.GetPageAsync(url);
            Assert.Equal("Search", page.One("h1").Text());
            Assert.NotNull(page.QuerySelector("form.search-page-form input[name=q]"));
            Assert.Null(page.QuerySelector(".search-summary"));
        }
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unclosed phrase")]
    [InlineData("AND")]
    [InlineData("OR OR OR")]
    [InlineData("NEAR(a b)")]
    [InlineData("harbour AND")]
    [InlineData("*")]
    [InlineData("-harbour")]
    [InlineData("^harbour")]
    [InlineData("(((")]
    [InlineData("a:b")]
    [InlineData("headline:harbour")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("Київ ä 東京 🙂")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_queries_answer_with_a_page_never_an_error(string query)
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(query)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await NewsFeedApp.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task A_two_thousand_character_query_answers()
    {
        var page = await SearchAsync(string.Concat(Enumerable.Repeat("harbour lighthouse ", 110)));

        Assert.NotNull(page.QuerySelector(".search-summary"));
    }

    [Theory]
    [InlineData("/search?q=bulk&p=0")]
    [InlineData("/search?q=bulk&p=-1")]
    [InlineData("/search?q=bulk&p=abc")]
    [InlineData("/search?q=bulk&p=99")]
    public async Task Bad_page_numbers_answer_404(string url)
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("harbour", "harbour*")]
    [InlineData("feed pages", "feed | pages*")]
    [InlineData("\"exact phrase\"", "exact phrase")]
    [InlineData("a AND b", "a | and | b*")]
    [InlineData("NEAR(x", "near x*")]
    [InlineData("state-of-the-art", "state of the art*")]
    [InlineData("Café \"Über alles\" 東京", "cafe | uber alles | 東京*")]
    [InlineData("м'ясо М’ЯСО мʼясо", "мясо | мясо | мясо*")]
    [InlineData("Russia's 'quoted'", "russia s | quoted*")]
    [InlineData("*** --- ()", null)]
    [InlineData("", null)]
    public void Queries_become_phrases_of_words(string query, string? phrases) =>
        Assert.Equal(phrases, SearchQuery.Parse(query) is { } parsed
            ? string.Join(" | ", parsed.Phrases.Select(p => string.Join(' ', p.Words) + (p.LastIsPrefix ? "*" : "")))
            : null);

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = CreateSeeds();

        public Site() => App = new NewsFeedApp(_seeds);

        public NewsFeedApp App { get; }

        private static SeedFolder CreateSeeds()
        {
            var seeds = SeedFolder.Create()
                .Write("authors/quentin-ames.md", "---\nname: Quentin Ames\n---\n")
                .With(new MarkdownArticle("The lighthouse keeper").Tagged("Maritime").PublishedOn(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc))
                    .WithBody("A day at the light on the cliffs."))
                .With(new MarkdownArticle("Harbour notes").By("quentin-ames").PublishedOn(new DateTime(2025, 2, 1, 0, 0, 0, DateTimeKind.Utc))
                    .WithBody("The harbour wall, the old lighthouse, and a sign that reads <script>alert(1)</script> in **bold**."))
                .With(new MarkdownArticle("Hidden").AsDraft().WithBody("secretword"))
                .With(new MarkdownArticle("Later").PublishedOn(DateTime.UtcNow.AddDays(10)).WithBody("secretword"));
            for (var i = 1; i <= 25; i++)
            {
                seeds.With(new MarkdownArticle($"Bulk item {i}").PublishedOn(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i)));
            }

            return seeds;
        }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}

public sealed class SearchIndexTests
{
    [Fact]
    public async Task The_index_follows_edits_and_deletions_across_restarts()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Story").WithSlug("story").WithBody("Original wording with avocado."))
            .With(new MarkdownArticle("Other").WithSlug("other").WithBody("Mentions zucchini."));
        using (var first = new NewsFeedApp(seeds))
        {
            Assert.Single((await first.GetPageAsync("/search?q=avocado")).QuerySelectorAll(".search-results li"));
        }

        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("New wording with pineapple."));
        seeds.Delete("other.md");
        using var second = new NewsFeedApp(seeds);

        Assert.Empty((await second.GetPageAsync("/search?q=avocado")).QuerySelectorAll(".search-results li"));
        Assert.Single((await second.GetPageAsync("/search?q=pineapple")).QuerySelectorAll(".search-results li"));
        Assert.Empty((await second.GetPageAsync("/search?q=zucchini")).QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task A_running_instance_finds_what_an_import_changed_at_once()
    {
        using var seeds = SeedFolder.Create()
            .Write("authors/jo.md", "---\nname: Jo Writer\n---\n")
            .With(new MarkdownArticle("Story").WithSlug("story").By("jo").WithBody("Original wording with avocado."))
            .With(new MarkdownArticle("Other").WithSlug("other").WithBody("Mentions zucchini."));
        using var app = new NewsFeedApp(seeds);
        async Task<List<string>> FoundAsync(string q) =>
            [.. (await app.GetPageAsync($"/search?q={q}")).QuerySelectorAll(".search-results .card-headline").Select(h => h.TextContent.Trim())];
        Assert.Equal(["Story"], await FoundAsync("avocado"));
        Assert.Equal(["Story"], await FoundAsync("writer"));

        seeds.With(new MarkdownArticle("Story").WithSlug("story").By("jo").WithBody("New wording with pineapple."));
        seeds.With(new MarkdownArticle("Fresh").WithSlug("fresh").WithBody("Another pineapple."));
        seeds.Delete("other.md");
        seeds.Write("authors/jo.md", "---\nname: Jo Reporter\n---\n");
        await app.Services.GetRequiredService<NewsFeed.Web.Seeding.SeedImport>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await FoundAsync("avocado"));
        Assert.Empty(await FoundAsync("zucchini"));
        Assert.Equal(["Fresh", "Story"], (await FoundAsync("pineapple")).Order());
        Assert.Empty(await FoundAsync("writer"));
        Assert.Equal(["Story"], await FoundAsync("reporter"));

        // The author file gone: the byline goes, the article stays findable.
        seeds.Delete("authors/jo.md");
        await app.Services.GetRequiredService<NewsFeed.Web.Seeding.SeedImport>().RunAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await FoundAsync("reporter"));
        Assert.Equal(["Fresh", "Story"], (await FoundAsync("pineapple")).Order());
    }
}

/// <summary>Counting stops past <see cref="ArticleSearch.MaxCounted"/> matches: the page says "more than".</summary>
public sealed class SearchCountTests : IClassFixture<SearchCountTests.Site>
{
    private readonly Site _site;

    public SearchCountTests(Site site) => _site = site;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Past_the_cap_the_count_says_more_than()
    {
        var page = await _site.App.GetPageAsync("/search?q=common");

        Assert.Equal("More than 1,000 results for “common”", page.One(".search-summary").Text());
        Assert.Equal(ArticleSearch.PageSize, page.QuerySelectorAll(".search-results .card").Length);
    }

    [Fact]
    public async Task At_the_cap_the_count_is_exact_and_leaves_out_drafts_and_scheduled_articles()
    {
        var page = await _site.App.GetPageAsync("/search?q=thousand");

        Assert.Equal("1,000 results for “thousand”", page.One(".search-summary").Text());
    }

    [Fact]
    public async Task Paging_goes_on_past_the_cap_to_the_last_match()
    {
        var last = await _site.App.GetPageAsync("/search?q=common&p=51");

        Assert.Single(last.QuerySelectorAll(".search-results .card"));
        Assert.Equal("More than 1,000 results for “common”", last.One(".search-summary").Text());
        Assert.Null(last.QuerySelector("a[data-show-more]"));
        using var client = _site.App.CreateClient();
        using var beyond = await client.GetAsync("/search?q=common&p=52", Ct);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = CreateSeeds();

        public Site() => App = new NewsFeedApp(_seeds);

        public NewsFeedApp App { get; }

        // 1,001 public articles with "common", 1,000 of them also with "thousand"; a draft and a scheduled
        // article with "thousand" as well, which the count must not see.
        private static SeedFolder CreateSeeds()
        {
            var seeds = SeedFolder.Create();
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 1; i <= ArticleSearch.MaxCounted + 1; i++)
            {
                seeds.With(new MarkdownArticle($"Item {i}").WithSlug($"item-{i}").PublishedOn(start.AddHours(i))
                    .WithBody(i <= ArticleSearch.MaxCounted ? "A common word, and a thousand more." : "A common word."));
            }

            return seeds
                .With(new MarkdownArticle("Hidden").WithSlug("hidden").AsDraft().WithBody("A common thousand."))
                .With(new MarkdownArticle("Later").WithSlug("later").PublishedOn(DateTime.UtcNow.AddDays(10)).WithBody("A common thousand."));
        }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}

/// <summary>
/// Ukrainian through the real app: any case (і, ї, є and ґ included), and an apostrophe written as ', ’ or ʼ or left
/// out, find each other; the mark is on the word as the article writes it.
/// </summary>
public sealed class UkrainianSearchTests : IDisposable
{
    private readonly SeedFolder _seeds = SeedFolder.Create()
        .With(new MarkdownArticle("Ціни на м'ясо у Києві").PublishedOn(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc))
            .WithBody("На ринку мʼясо подешевшало, а сім’я купує більше."))
        .With(new MarkdownArticle("Ґанок і їжак").PublishedOn(new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc))
            .WithBody("Єдиний їжак живе біля ґанку."));

    private readonly NewsFeedApp _app;

    public UkrainianSearchTests() => _app = new NewsFeedApp(_seeds);

    [Theory]
    [InlineData("м'ясо", "м'ясо", "мʼясо")]
    [InlineData("м’ясо", "м'ясо", "мʼясо")]
    [InlineData("мʼясо", "м'ясо", "мʼясо")]
    [InlineData("мясо", "м'ясо", "мʼясо")]
    [InlineData("М'ЯСО", "м'ясо", "мʼясо")]
    [InlineData("сімʼя", null, "сім’я")]
    [InlineData("КИЄВІ", "Києві", null)]
    public async Task A_ukrainian_word_is_found_in_any_case_and_with_any_apostrophe(string query, string? headlineMark, string? snippetMark)
    {
        var page = await _app.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}");

        var hit = Assert.Single(page.QuerySelectorAll(".search-results .card"));
        Assert.Equal("Ціни на м'ясо у Києві", hit.One(".card-headline").Text());
        Assert.Equal(headlineMark, hit.QuerySelector(".card-headline mark")?.Text());
        Assert.Equal(snippetMark, hit.QuerySelector(".search-snippet mark")?.Text());
    }

    [Theory]
    [InlineData("ЇЖАК")]
    [InlineData("ґАНОК")]
    [InlineData("єдиний")]
    public async Task Capital_and_small_ukrainian_letters_find_each_other(string query)
    {
        var page = await _app.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal("Ґанок і їжак", Assert.Single(page.QuerySelectorAll(".search-results .card-headline")).Text());
    }

    public void Dispose()
    {
        _app.Dispose();
        _seeds.Dispose();
    }
}
