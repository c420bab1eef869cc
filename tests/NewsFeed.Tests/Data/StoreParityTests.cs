using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Data;

namespace NewsFeed.Tests.Data;

/// <summary>
/// What could differ between the SQLite and the PostgreSQL store and must not: text order, case in slugs and
/// tags, times, and search. These run on the store of the run (SQLite, or PostgreSQL with NEWSFEED_TEST_POSTGRES),
/// and CI runs them on both.
/// </summary>
public sealed class StoreParityTests : IClassFixture<StoreParityTests.Site>
{
    private static readonly DateTime Published = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    // A file's last-write time becomes its article's published time: here one with ticks below a microsecond.
    private static readonly DateTime FileTime = new DateTime(2025, 3, 1, 10, 20, 30, DateTimeKind.Utc).AddTicks(1_234_567);

    private readonly Site _site;

    public StoreParityTests(Site site) => _site = site;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> StatusAsync(string url)
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    private async Task<List<string>> SearchAsync(string query) =>
        (await _site.App.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}"))
            .QuerySelectorAll(".search-results .card-headline a").Select(a => a.Text()).ToList();

    [Fact]
    public async Task Names_sort_by_code_point_as_SQLite_does_whatever_the_database_locale()
    {
        var tags = (await _site.App.GetPageAsync("/tags")).QuerySelectorAll(".tag-cloud a").Select(e => e.Text()).ToList();

        // Upper case before lower case, and letters with diacritics after both: not a dictionary's order.
        Assert.Equal(["Shipping (2)", "Zeta (1)", "alpha (1)", "beta (1)", "Ärger (1)", "Ørsted (1)"], tags);
    }

    [Theory]
    [InlineData("/tags/SHIPPING")]
    [InlineData("/tags/Shipping")]
    [InlineData("/articles/CASE-STORY")]
    [InlineData("/authors/ANA-LI")]
    [InlineData("/sections/NEWS")]
    public async Task Slugs_are_case_sensitive(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(url.ToLowerInvariant()));
    }

    [Fact]
    public async Task Tags_that_differ_only_in_case_are_one_tag()
    {
        var page = await _site.App.GetPageAsync("/tags/shipping");

        Assert.Equal(["Case story", "Second case"], page.QuerySelectorAll(".feed .card-headline a").Select(a => a.Text()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Times_come_back_as_UTC_to_the_microsecond()
    {
        await using var scope = _site.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        var stamped = await db.Articles.Where(a => a.Slug == "file-time").Select(a => a.PublishedUtc).SingleAsync(Ct);
        var published = await db.Articles.Where(a => a.Slug == "case-story").Select(a => a.PublishedUtc).SingleAsync(Ct);

        Assert.Equal(DateTimeKind.Utc, stamped.Kind);
        Assert.Equal(FileTime.AddTicks(-(FileTime.Ticks % TimeSpan.TicksPerMicrosecond)), stamped);
        Assert.Equal(DateTimeKind.Utc, published.Kind);
        Assert.Equal(Published, published);
    }

    [Fact]
    public async Task A_time_of_any_kind_is_stored_as_UTC()
    {
        await using var scope = _site.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var unspecified = new DateTime(2025, 5, 6, 7, 8, 9, DateTimeKind.Unspecified);

        // Npgsql refuses an Unspecified DateTime for timestamptz; the store treats it as UTC, like a seed date without offset.
        await db.Articles.Where(a => a.Slug == "second-case").ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedUtc, unspecified), Ct);
        var updated = await db.Articles.Where(a => a.Slug == "second-case").Select(a => a.UpdatedUtc).SingleAsync(Ct);

        Assert.Equal(DateTimeKind.Utc, updated!.Value.Kind);
        Assert.Equal(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc), updated);
    }

    [Fact]
    public async Task The_feed_orders_newest_first_and_equal_times_by_id()
    {
        await using var scope = _site.App.Services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Articles
            .ToDictionaryAsync(a => a.Headline, a => a.Id, Ct);

        var headlines = (await _site.App.GetPageAsync("/")).QuerySelectorAll(".feed .card-headline a").Select(a => a.Text()).ToList();

        var tied = ids["Case story"] < ids["Second case"] ? new[] { "Case story", "Second case" } : ["Second case", "Case story"];
        Assert.Equal([.. tied, "Glossary", "A file's own time"], headlines);
    }

    [Fact]
    public async Task Search_reads_operators_and_punctuation_as_words()
    {
        Assert.Equal(["Glossary"], await SearchAsync("or white"));
        Assert.Equal(["Glossary"], await SearchAsync("-black"));
        Assert.Equal(["Glossary"], await SearchAsync("\"black or white\""));
        Assert.Empty(await SearchAsync("\"white or black\""));
        Assert.Equal(["Glossary"], await SearchAsync("state-of-the-ar"));
    }

    [Fact]
    public async Task Search_is_case_insensitive_and_matches_the_last_word_as_a_prefix()
    {
        Assert.Equal(["Glossary"], await SearchAsync("LIGHTHOUSE"));
        Assert.Equal(["Glossary"], await SearchAsync("Lighth"));
        Assert.Empty(await SearchAsync("ighthouse"));
    }

    [Fact]
    public async Task A_passage_from_inside_a_long_body_is_marked_and_cut_with_ellipses()
    {
        var page = await _site.App.GetPageAsync("/search?q=lighthouse");

        var snippet = page.One(".search-snippet");
        Assert.StartsWith("…", snippet.Text(), StringComparison.Ordinal);
        Assert.EndsWith("…", snippet.Text(), StringComparison.Ordinal);
        Assert.Equal("lighthouse", snippet.One("mark").Text());
        Assert.Contains("<b>", snippet.TextContent, StringComparison.Ordinal);
        Assert.Empty(snippet.QuerySelectorAll("b"));
    }

    [Fact]
    public async Task A_short_body_is_the_whole_passage_with_its_closing_stop()
    {
        var page = await _site.App.GetPageAsync("/search?q=second");

        Assert.Equal("The second body, in full.", page.One(".search-snippet").Text());
    }

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = CreateSeeds();

        public Site() => App = new NewsFeedApp(_seeds);

        public NewsFeedApp App { get; }

        private static SeedFolder CreateSeeds()
        {
            var words = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}"));
            var seeds = SeedFolder.Create()
                .Write("authors/ana-li.md", "---\nname: Ana Li\n---\n")
                .With(new MarkdownArticle("Case story").WithSlug("case-story").By("ana-li").InSection("News")
                    .Tagged("Shipping", "Zeta", "alpha", "Ärger").PublishedOn(Published))
                .With(new MarkdownArticle("Second case").WithSlug("second-case").Tagged("shipping", "beta", "Ørsted")
                    .PublishedOn(Published).WithBody("The second body, in full."))
                .With(new MarkdownArticle("Glossary").WithSlug("glossary").PublishedOn(Published.AddDays(-1))
                    .WithBody($"{words} black or white, state-of-the-art, a lighthouse and a `<b>` tag. {words}"))
                .Write("file-time.md", "---\nheadline: A file's own time\nslug: file-time\n---\nStamped by the file system.\n");
            File.SetLastWriteTimeUtc(seeds.PathOf("file-time.md"), FileTime);
            return seeds;
        }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
