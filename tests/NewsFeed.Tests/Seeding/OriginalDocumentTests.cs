using NewsFeed.Tests.Support;
using NewsFeed.Web.Model;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>The golden test: the original captured page, every part exactly as the page had it.</summary>
public sealed class OriginalDocumentTests
{
    private const string Headline = "Capturing Kupiansk is Russia's 'strategic goal' in Kharkiv Oblast, military spokesperson says";

    private static readonly string Text = File.ReadAllText(RepoPaths.Original);

    [Fact]
    public void Original_is_in_seeds_byte_for_byte()
    {
        var shared = Path.Combine(RepoPaths.Root, "..", "shared", "seeds", RepoPaths.OriginalName);
        Assert.SkipUnless(File.Exists(shared), "../shared is not beside this checkout");
        Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(RepoPaths.Original));
    }

    [Fact]
    public void Page_parts_are_read_exactly()
    {
        var problems = new List<SeedProblem>();
        var page = TextPageReader.Parse(Text, new ProblemSink(RepoPaths.OriginalName, problems));

        Assert.Empty(problems);
        Assert.Empty(page.Missing);
        Assert.Equal(Headline, page.Headline);
        Assert.Equal(3, page.HeadlineLine);
        Assert.Equal(2, page.StatedMinutes);
        Assert.Equal(Headline, page.ImageAlt);
        Assert.Equal("A view of the enterence to Kupiansk, Ukraine on Oct. 16, 2024.", page.Caption);
        Assert.Equal("Fermin Torrano/Anadolu via Getty Images", page.Credit);
        Assert.Equal("Dmytro Basmat", page.AuthorName);
        Assert.Equal("Senior News Editor", page.AuthorJobTitle);
        var bio = Assert.Single(page.AuthorBio);
        Assert.StartsWith("Dmytro Basmat is a senior news editor for The Kyiv Independent.", bio, StringComparison.Ordinal);
        Assert.EndsWith("Politics and Governance from Toronto Metropolitan University.", bio, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_is_the_paragraphs_of_lines_9_to_27_in_order_and_unchanged()
    {
        var lines = Text.Split('\n');
        var expected = Enumerable.Range(8, 19).Where(i => i % 2 == 0).Select(i => lines[i]).ToList();

        var page = TextPageReader.Parse(Text, new ProblemSink("x", []));

        Assert.Equal(10, page.Paragraphs.Count);
        Assert.Equal(expected, page.Paragraphs);
        Assert.StartsWith("Capturing the city of Kupiansk serves as Russia's main goal", page.Paragraphs[0], StringComparison.Ordinal);
        // The no-break space and curly apostrophe of the source survive untouched.
        Assert.Contains("although \u00A0around 1,800 civilians", page.Paragraphs[^1], StringComparison.Ordinal);
        Assert.Contains("Kupiansk\u2019s outskirts", page.Paragraphs[3], StringComparison.Ordinal);
    }

    [Fact]
    public void No_chrome_line_becomes_body_text()
    {
        var page = TextPageReader.Parse(Text, new ProblemSink("x", []));
        string[] chrome = ["News Feed", "2 min read", "Article image", "Avatar", "Read more", "Show More", Headline];

        Assert.DoesNotContain(page.Paragraphs, p => chrome.Contains(p));
        Assert.DoesNotContain(page.Paragraphs, p => p.StartsWith("After release from captivity", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Paragraphs, p => p.Contains("Dmytro Basmat", StringComparison.Ordinal));
    }

    [Fact]
    public void Related_teaser_has_title_and_excerpt()
    {
        var page = TextPageReader.Parse(Text, new ProblemSink("x", []));

        var teaser = Assert.Single(page.Teasers);
        Assert.Equal("After release from captivity, Russian POWs often \u2018sent back to die\u2019 in Ukraine", teaser.Title);
        Assert.StartsWith("For Ukrainian prisoners of war (POWs), release from captivity can feel like escaping hell.", teaser.Excerpt, StringComparison.Ordinal);
        Assert.EndsWith("But we under", teaser.Excerpt, StringComparison.Ordinal);
        Assert.Null(teaser.Slug);
        Assert.Null(teaser.Url);
        Assert.Equal(29, teaser.Line);
    }

    [Fact]
    public async Task Reads_into_an_article_with_its_sidecar_and_no_problems()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        var document = await TestReader.ReadAsync(seeds, RepoPaths.OriginalName);

        Assert.Empty(document.Problems);
        var article = Assert.IsType<ArticleSeed>(document.Article);
        Assert.Equal("capturing-kupiansk-is-russias-strategic-goal-in-kharkiv-oblast-military-spokesperson-says", article.Slug);
        Assert.Equal(Headline, article.Headline);
        Assert.Equal(SourceFormat.TextPage, article.Format);
        Assert.Equal(new DateTime(2025, 9, 15, 0, 0, 0, DateTimeKind.Utc), article.PublishedUtc);
        Assert.Equal(DateTimeKind.Utc, article.PublishedUtc.Kind);
        Assert.Equal("News", article.Section);
        Assert.Equal(["Kupiansk", "Kharkiv Oblast"], article.Tags);
        Assert.Equal(2, article.ReadingMinutes);
        Assert.InRange(article.WordCount, 320, 335);
        Assert.False(article.IsDraft);
        Assert.Equal(new HeroImage
        {
            Src = null,
            Alt = Headline,
            Caption = "A view of the enterence to Kupiansk, Ukraine on Oct. 16, 2024.",
            Credit = "Fermin Torrano/Anadolu via Getty Images",
        }, article.Image);
        Assert.Equal("dmytro-basmat", article.AuthorSlug);
        Assert.Equal("Senior News Editor", article.InlineAuthor!.JobTitle);
        Assert.Equal(10, article.Html.Split("<p>").Length - 1);
        Assert.StartsWith("Capturing the city of Kupiansk serves", article.Excerpt, StringComparison.Ordinal);
    }
}
