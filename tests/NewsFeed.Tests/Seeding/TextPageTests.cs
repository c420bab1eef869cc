using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>Captured pages with parts missing or out of place still import with what they have.</summary>
public sealed class TextPageTests
{
    private static TextPage Parse(string text, List<SeedProblem>? problems = null) =>
        TextPageReader.Parse(text, new ProblemSink("page.txt", problems ?? []));

    [Fact]
    public void A_bare_page_is_headline_and_body_with_every_other_part_reported_missing()
    {
        var page = Parse("A plain headline\n\nFirst paragraph.\n\nSecond paragraph.\n");

        Assert.Equal("A plain headline", page.Headline);
        Assert.Equal(["First paragraph.", "Second paragraph."], page.Paragraphs);
        Assert.Null(page.StatedMinutes);
        Assert.Null(page.Caption);
        Assert.Null(page.AuthorName);
        Assert.Empty(page.Teasers);
        Assert.Equal(4, page.Missing.Count);
        Assert.Contains(page.Missing, m => m.Contains("min read", StringComparison.Ordinal));
        Assert.Contains(page.Missing, m => m.Contains("author block", StringComparison.Ordinal));
        Assert.Contains(page.Missing, m => m.Contains("teaser", StringComparison.Ordinal));
        Assert.Contains(page.Missing, m => m.Contains("hero image", StringComparison.Ordinal));
    }

    [Fact]
    public void A_caption_without_credit_is_kept_and_the_credit_reported_missing()
    {
        var page = Parse("News Feed\n\nHeadline\n\n3 min read\nHeadline\nA caption with no credit.\n\nBody.\n");

        Assert.Equal("A caption with no credit.", page.Caption);
        Assert.Null(page.Credit);
        Assert.Contains(page.Missing, m => m.Contains("credit", StringComparison.Ordinal));
    }

    [Fact]
    public void Chrome_inside_the_body_is_left_out_with_a_warning()
    {
        var problems = new List<SeedProblem>();
        var page = Parse("Headline\n\nFirst.\n\nShow More\n\nSecond.\n", problems);

        Assert.Equal(["First.", "Second."], page.Paragraphs);
        var warning = Assert.Single(problems);
        Assert.Equal(5, warning.Line);
        Assert.Contains("'Show More'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_teasers_are_read_in_order_and_a_title_only_teaser_has_no_excerpt()
    {
        var page = Parse("Headline\n\nBody.\n\nFirst title\nFirst excerpt\nArticle image\n\nSecond title\nArticle image\nAvatar\nAna Li\n\nReporter\n\nBio.\n\nRead more\n");

        Assert.Equal(["Body."], page.Paragraphs);
        Assert.Equal(2, page.Teasers.Count);
        Assert.Equal(("First title", "First excerpt"), (page.Teasers[0].Title, page.Teasers[0].Excerpt));
        Assert.Equal(("Second title", (string?)null), (page.Teasers[1].Title, page.Teasers[1].Excerpt));
        Assert.Equal(("Ana Li", "Reporter"), (page.AuthorName, page.AuthorJobTitle));
        Assert.Equal(["Bio."], page.AuthorBio);
    }

    [Fact]
    public void A_page_without_headline_is_an_error()
    {
        var problems = new List<SeedProblem>();
        var page = Parse("News Feed\n\n\n", problems);

        Assert.Null(page.Headline);
        Assert.True(Assert.Single(problems).IsError);
    }

    [Theory]
    [InlineData("A view. (Jane Doe/Agency)", "A view.", "Jane Doe/Agency")]
    [InlineData("A view (at night). (Photo: J. Doe)", "A view (at night).", "Photo: J. Doe")]
    [InlineData("No credit here.", "No credit here.", null)]
    public void Caption_and_credit_split_at_the_trailing_parentheses(string line, string caption, string? credit) =>
        Assert.Equal((caption, credit), TextPageReader.SplitCredit(line));

    [Fact]
    public async Task A_sidecar_with_errors_skips_the_page_and_names_the_sidecar()
    {
        using var seeds = SeedFolder.Create()
            .Write("page.txt", "Headline\n\nBody.\n")
            .Write("page.txt.yml", "published: 15/09/2025\n");

        var document = await TestReader.ReadAsync(seeds, "page.txt");

        Assert.Null(document.Article);
        var error = Assert.Single(document.Problems, p => p.IsError);
        Assert.Equal(("page.txt.yml", 1), (error.Path, error.Line));
    }

    [Fact]
    public async Task A_text_page_without_any_date_uses_the_last_write_time_and_warns()
    {
        using var seeds = SeedFolder.Create().Write("page.txt", "Headline\n\nBody.\n");

        var document = await TestReader.ReadAsync(seeds, "page.txt");

        Assert.NotNull(document.Article);
        Assert.Contains(document.Problems, p => p.Message.StartsWith("published: no date given", StringComparison.Ordinal));
    }
}
