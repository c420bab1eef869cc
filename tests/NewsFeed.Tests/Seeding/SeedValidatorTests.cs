using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

public sealed class SeedValidatorTests
{
    private static async Task<IReadOnlyList<SeedDocument>> ReadAndValidateAsync(SeedFolder seeds)
    {
        var documents = await TestReader.Create().ReadFolderAsync(seeds.Root, TestContext.Current.CancellationToken);
        SeedValidator.Validate(documents);
        return documents;
    }

    [Fact]
    public async Task Of_two_files_with_one_slug_the_first_path_wins()
    {
        using var seeds = SeedFolder.Create()
            .Write("b.md", new MarkdownArticle("Second").WithSlug("same").ToString())
            .Write("a.md", new MarkdownArticle("First").WithSlug("same").ToString());

        var documents = await ReadAndValidateAsync(seeds);

        Assert.False(documents.Single(d => d.Path == "a.md").HasErrors);
        var error = Assert.Single(documents.Single(d => d.Path == "b.md").Problems);
        Assert.Equal(3, error.Line);
        Assert.Equal("slug 'same' is already used by a.md; give this article its own slug: field", error.Message);
    }

    [Fact]
    public async Task An_unknown_author_is_a_warning_on_the_author_line()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").By("nobody"));

        var warning = Assert.Single((await ReadAndValidateAsync(seeds)).Single().Problems);

        Assert.False(warning.IsError);
        Assert.Contains("author: 'nobody' has no file seeds/authors/nobody.md", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_slugs_must_exist_and_not_point_at_the_article_itself()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Story").WithSlug("story").WithField("related:\n  - story\n  - missing\n  - other"))
            .With(new MarkdownArticle("Other").WithSlug("other"));

        var problems = (await ReadAndValidateAsync(seeds)).Single(d => d.Path == "story.md").Problems;

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.False(p.IsError));
        Assert.Contains(problems, p => p.Message.Contains("itself", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("'missing'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_author_files_with_one_slug_are_an_error_on_the_second()
    {
        using var seeds = SeedFolder.Create()
            .Write("authors/jane.md", "---\nname: Jane\n---\n")
            .Write("authors/z.md", "---\nname: Jane Again\nslug: jane\n---\n");

        var documents = await ReadAndValidateAsync(seeds);

        Assert.False(documents.Single(d => d.Path == "authors/jane.md").HasErrors);
        Assert.True(documents.Single(d => d.Path == "authors/z.md").HasErrors);
    }

    [Fact]
    public async Task Editor_junk_and_images_are_not_seeds_but_unknown_files_are_reported()
    {
        using var seeds = SeedFolder.Create()
            .Write(".story.md.swp", "x").Write("story.md~", "x").Write("4913", "x").Write(".DS_Store", "x")
            .Write("images/photo.jpg", "x").Write("notes.docx", "x");

        var documents = await ReadAndValidateAsync(seeds);

        var only = Assert.Single(documents);
        Assert.Equal("notes.docx", only.Path);
        Assert.False(Assert.Single(only.Problems).IsError);
    }
}
