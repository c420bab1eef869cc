using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>Markdown seeds: each field validated on its own, with the field and line named in the problem.</summary>
public sealed class MarkdownArticleTests
{
    private static async Task<SeedDocument> ReadAsync(string text) => await TestReader.ReadMarkdownAsync(text);

    private static SeedProblem OnlyError(SeedDocument document)
    {
        Assert.Null(document.Article);
        return Assert.Single(document.Problems, p => p.IsError);
    }

    [Fact]
    public async Task Reads_every_field()
    {
        var document = await ReadAsync("""
            ---
            headline: Council opens the new library
            slug: council-library
            dek: Doors open on Monday.
            published: 2025-03-04T10:30:00+02:00
            updated: 2025-03-05
            author: jane-doe
            section: Local
            tags: [Libraries, City Council]
            draft: false
            image:
              src: https://example.org/library.jpg
              alt: The library's front door
              caption: The new entrance.
              credit: Jane Doe
            related:
              - other-story
              - url: https://example.org/report
                title: The full report
                excerpt: All 40 pages.
            ---
            The library opens on *Monday*.
            """);

        Assert.Empty(document.Problems);
        var article = document.Article!;
        Assert.Equal("council-library", article.Slug);
        Assert.Equal("Council opens the new library", article.Headline);
        Assert.Equal("Doors open on Monday.", article.Dek);
        Assert.Equal("Doors open on Monday.", article.Excerpt);
        Assert.Equal(new DateTime(2025, 3, 4, 8, 30, 0, DateTimeKind.Utc), article.PublishedUtc);
        Assert.Equal(new DateTime(2025, 3, 5, 0, 0, 0, DateTimeKind.Utc), article.UpdatedUtc);
        Assert.Equal("jane-doe", article.AuthorSlug);
        Assert.Equal("Local", article.Section);
        Assert.Equal(["Libraries", "City Council"], article.Tags);
        Assert.False(article.IsDraft);
        Assert.Equal("https://example.org/library.jpg", article.Image!.Src);
        Assert.Equal("The library's front door", article.Image.Alt);
        Assert.Equal("Jane Doe", article.Image.Credit);
        Assert.Equal(2, article.Related.Count);
        Assert.Equal("other-story", article.Related[0].Slug);
        Assert.Equal(("https://example.org/report", "The full report", "All 40 pages."),
            (article.Related[1].Url, article.Related[1].Title, article.Related[1].Excerpt));
        Assert.Equal("<p>The library opens on <em>Monday</em>.</p>", article.Html);
    }

    [Fact]
    public async Task Slug_is_derived_from_the_headline_when_absent()
    {
        var document = await ReadAsync("---\nheadline: Café owners' “big” day, 2025\npublished: 2025-01-01\n---\nBody.\n");

        Assert.Equal("cafe-owners-big-day-2025", document.Article!.Slug);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("1")]
    public async Task Draft_must_be_true_or_false(string value)
    {
        var document = await ReadAsync($"---\nheadline: A\npublished: 2025-01-01\ndraft: {value}\n---\nBody.\n");

        var error = OnlyError(document);
        Assert.Equal(4, error.Line);
        Assert.Equal($"draft: '{value}' is not true or false", error.Message);
    }

    [Theory]
    [InlineData("03/04/2025")]
    [InlineData("4 March 2025")]
    [InlineData("2025-13-01")]
    [InlineData("yesterday")]
    public async Task Published_must_be_an_iso_date(string value)
    {
        var document = await ReadAsync($"---\nheadline: A\npublished: {value}\n---\nBody.\n");

        var error = OnlyError(document);
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"published: '{value}' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_given_twice_is_an_error_at_the_second()
    {
        var document = await ReadAsync("---\nheadline: First\npublished: 2025-01-01\nheadline: Second\n---\nBody.\n");

        var error = OnlyError(document);
        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Equal("'headline' is given twice (first on line 2); keep one", error.Message);
    }

    [Fact]
    public async Task Missing_headline_is_an_error()
    {
        var error = OnlyError(await ReadAsync("---\npublished: 2025-01-01\n---\nBody.\n"));

        Assert.Equal("headline: missing; every article needs one", error.Message);
    }

    [Fact]
    public async Task Front_matter_that_never_closes_is_an_error()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: A\npublished: 2025-01-01\nBody.\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_front_matter_is_an_error()
    {
        var error = OnlyError(await ReadAsync("# Just Markdown\n\nNo fields.\n"));

        Assert.Contains("must start with a '---' line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_yaml_is_reported_with_its_file_line()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: A\npublished: 2025-01-01\ntags: [one, two\n---\nBody.\n"));

        Assert.StartsWith($"front matter could not be parsed near line {error.Line}: ", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 4, 5);
    }

    [Fact]
    public async Task Wrong_types_name_the_field()
    {
        var document = await ReadAsync("---\nheadline: [a, list]\npublished: 2025-01-01\n---\nBody.\n");

        var error = OnlyError(document);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("headline: expected a single value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_slug_is_an_error()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: A\nslug: ../etc/passwd\npublished: 2025-01-01\n---\nBody.\n"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("slug: '../etc/passwd' is not a valid slug", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cyrillic_slug_is_an_error_that_suggests_its_latin_spelling()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: Новини\nslug: Київ-новини\npublished: 2025-01-01\n---\nBody.\n"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("slug: 'Київ-новини' is not a valid slug; use 'kyiv-novyny'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ukrainian_headline_gives_its_slug_by_the_national_table()
    {
        var document = await ReadAsync("---\nheadline: Як редактори працюють у Харкові\npublished: 2025-01-01\n---\nТекст.\n");

        Assert.DoesNotContain(document.Problems, p => p.IsError);
        Assert.Equal("yak-redaktory-pratsiuiut-u-kharkovi", document.Article!.Slug);
    }

    [Fact]
    public async Task Unknown_field_is_a_warning_and_the_article_imports()
    {
        var document = await ReadAsync("---\nheadline: A\npublised: 2025-01-01\npublished: 2025-01-01\n---\nBody.\n");

        Assert.NotNull(document.Article);
        var warning = Assert.Single(document.Problems);
        Assert.False(warning.IsError);
        Assert.Equal(3, warning.Line);
        Assert.Contains("unknown field 'publised'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_date_uses_the_files_last_write_time_with_a_warning()
    {
        using var seeds = SeedFolder.Create().Write("a.md", "---\nheadline: A\n---\nBody.\n");
        var written = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(seeds.PathOf("a.md"), written);

        var document = await TestReader.ReadAsync(seeds, "a.md");

        Assert.Equal(written, document.Article!.PublishedUtc);
        var warning = Assert.Single(document.Problems);
        Assert.StartsWith("published: no date given; using the file's last-write time", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_aliases_are_refused()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: &h A\ndek: *h\npublished: 2025-01-01\n---\nBody.\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_with_a_script_url_is_an_error_naming_the_field()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: A\npublished: 2025-01-01\nimage:\n  src: javascript:alert(1)\n---\nBody.\n"));

        Assert.Equal(5, error.Line);
        Assert.StartsWith("image.src: 'javascript:alert(1)' is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_file_missing_from_the_seeds_folder_falls_back_to_the_placeholder()
    {
        var document = await ReadAsync("---\nheadline: A\npublished: 2025-01-01\nimage:\n  src: images/none.jpg\n  alt: Nothing\n  caption: A caption\n---\nBody.\n");

        var image = document.Article!.Image!;
        Assert.Null(image.Src);
        Assert.Equal(("Nothing", "A caption"), (image.Alt, image.Caption));
        var warning = Assert.Single(document.Problems);
        Assert.Equal(5, warning.Line);
        Assert.Contains("does not exist", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_url_must_be_http()
    {
        var error = OnlyError(await ReadAsync("---\nheadline: A\npublished: 2025-01-01\nrelated:\n  - url: javascript:alert(1)\n    title: Click\n---\nBody.\n"));

        Assert.Equal(5, error.Line);
        Assert.StartsWith("related[1].url:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_problems_are_escaped()
    {
        var document = await ReadAsync("---\nheadline: A\npublished: \"2025\u001b[31m\"\n---\nBody.\n");

        var error = OnlyError(document);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\u001b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crlf_files_read_like_lf_files()
    {
        var document = await ReadAsync("---\r\nheadline: A\r\npublished: 2025-01-01\r\ndraft: maybe\r\n---\r\nBody.\r\n");

        Assert.Equal(4, OnlyError(document).Line);
    }
}
