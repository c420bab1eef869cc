using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsFeed.Tests.Hardening;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// Whatever a file holds, reading it ends in a document: bad content is a positioned problem of that file, never an
/// exception out of the reader (which would stop startup, preview and check alike).
/// </summary>
public sealed class SeedIsolationTests
{
    public static TheoryData<string> Corpus => new(HostileSeedCorpus.Entries().Select(e => e.Path).Where(p => !p.EndsWith(".yml", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Every_corpus_file_reads_to_a_document_with_its_verdict(string path)
    {
        var (documents, logged) = await ReadCorpus.Value;

        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
        var entry = HostileSeedCorpus.Entries().Single(e => e.Path == path);
        if (documents.SingleOrDefault(d => d.Path == path) is not { } document)
        {
            Assert.False(entry.MustFail, $"{path} must fail but is not read as a seed");
            return;
        }

        if (entry.MustFail)
        {
            Assert.True(document.HasErrors, $"{path} ({entry.Why}) was accepted");
            Assert.Contains(document.Problems, p => p.IsError && p.Path.StartsWith(path, StringComparison.Ordinal));
        }
        else
        {
            Assert.False(document.HasErrors, string.Join('\n', document.Problems));
            if (document.Article is { } article)
            {
                Assert.False(VisibleText.IsBlank(article.Headline));
            }
        }
    }

    // The corpus read as the import reads it (every file, then the checks across files), once for all its cases.
    private static readonly Lazy<Task<(IReadOnlyList<SeedDocument>, IReadOnlyCollection<RecordingLogger<SeedReader>.Entry>)>> ReadCorpus = new(async () =>
    {
        // Beside the good files HostileSeedTests serves (a duplicate slug in the corpus takes one of theirs).
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Good one").WithSlug("good-one"))
            .With(new MarkdownArticle("Good two").WithSlug("good-two"));
        foreach (var file in HostileSeedCorpus.Entries())
        {
            seeds.WriteBytes(file.Path, file.Content);
        }

        var logger = new RecordingLogger<SeedReader>();
        var documents = await new SeedReader(TestReader.Renderer, Options.Create(new SeedOptions()), logger)
            .ReadFolderAsync(seeds.Root, CancellationToken.None);
        SeedValidator.Validate(documents);
        return (documents, logger.Entries);
    });

    [Fact]
    public async Task An_open_tag_list_is_an_error_near_its_line_not_an_exception()
    {
        var document = await TestReader.ReadMarkdownAsync("---\nheadline: Open\ntags: [transit, city-hall\npublished: 2025-01-01\n---\nBody.\n");

        var error = Assert.Single(document.Problems, p => p.IsError);
        Assert.InRange(error.Line, 3, 4);
        Assert.StartsWith($"front matter could not be parsed near line {error.Line}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Related_items_of_the_wrong_type_are_errors_naming_the_item()
    {
        var document = await TestReader.ReadMarkdownAsync(
            "---\nheadline: Odd\npublished: 2025-01-01\nrelated:\n  - 42\n  - ~\n  - {slug: x, weight: 2}\n  - [a, b]\n---\nBody.\n");

        Assert.Contains(document.Problems, p => p is { IsError: true, Line: 6 } && p.Message.StartsWith("related[2]: empty entry", StringComparison.Ordinal));
        Assert.Contains(document.Problems, p => p is { IsError: true, Line: 8 } && p.Message.StartsWith("related[4]: expected a value or fields", StringComparison.Ordinal));
        Assert.Contains(document.Problems, p => p is { IsError: false, Line: 7 } && p.Message.Contains("related[3].weight", StringComparison.Ordinal));
        Assert.Null(document.Article);
    }

    [Theory]
    [InlineData("headline: \"   \"", "headline: is blank")]
    [InlineData("headline: \"\u200B\u2060\"", "headline: is blank")]
    [InlineData("headline:", "headline: has no value")]
    [InlineData("headline: ''", "headline: is blank")]
    public async Task A_headline_that_shows_nothing_is_an_error(string line, string expected)
    {
        var document = await TestReader.ReadMarkdownAsync($"---\n{line}\npublished: 2025-01-01\n---\nBody.\n");

        Assert.Contains(document.Problems, p => p is { IsError: true, Line: 2 } && p.Message.StartsWith(expected, StringComparison.Ordinal));
        Assert.Null(document.Article);
    }

    [Theory]
    [InlineData("headline: !!python/object:os.system 'echo pwned'", 2, "headline: the YAML tag '!!python/object:os.system' is not supported")]
    [InlineData("headline: A\ntags: !Custom [a]", 3, "tags: the YAML tag '!Custom' is not supported")]
    [InlineData("headline: A\nimage:\n  alt: !!binary eA==", 4, "image.alt: the YAML tag '!!binary' is not supported")]
    [InlineData("headline: A\ntags: [a, !x b]", 3, "tags[2]: the YAML tag '!x' is not supported")]
    public async Task An_explicit_yaml_tag_is_an_error_naming_the_field(string yaml, int line, string expected)
    {
        var document = await TestReader.ReadMarkdownAsync($"---\n{yaml}\n---\nBody.\n");

        Assert.Contains(document.Problems, p => p.IsError && p.Line == line && p.Message.StartsWith(expected, StringComparison.Ordinal));
        Assert.Null(document.Article);
    }

    [Fact]
    public async Task The_tag_a_text_already_has_is_accepted()
    {
        var document = await TestReader.ReadMarkdownAsync("---\nheadline: !!str 2025\npublished: 2025-01-01\n---\nBody.\n");

        Assert.False(document.HasErrors, string.Join('\n', document.Problems));
        Assert.Equal("2025", document.Article!.Headline);
    }

    [Fact]
    public async Task A_broken_sidecar_skips_its_page_with_the_error_at_the_sidecar()
    {
        using var seeds = SeedFolder.Create()
            .Write("page.txt", "News Feed\n\nA page\n\n1 min read\nBody line.\n")
            .Write("page.txt.yml", "section: News\npublished: [\n");

        var document = await TestReader.ReadAsync(seeds, "page.txt");

        Assert.Null(document.Article);
        var error = Assert.Single(document.Problems, p => p.IsError);
        Assert.Equal("page.txt.yml", error.Path);
        Assert.InRange(error.Line, 2, 3);
    }

    [Fact]
    public async Task An_unexpected_exception_is_logged_once_with_its_stack_and_becomes_the_files_error()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Fine"))
            .Write("other.md", "---\nheadline: Other\n---\nBody.\n");
        var logger = new RecordingLogger<SeedReader>();
        // A reader without a renderer fails inside our own code for every Markdown body: a stand-in for a bug.
        var reader = new SeedReader(null!, Options.Create(new SeedOptions()), logger);

        var documents = await reader.ReadFolderAsync(seeds.Root, TestContext.Current.CancellationToken);

        Assert.Equal(2, documents.Count);
#pragma warning disable CA2201 // Only its type name is used: the message a NullReferenceException gets.
        Assert.All(documents, d =>
        {
            var error = Assert.Single(d.Problems, p => p.IsError);
            Assert.Equal(SeedReader.UnexpectedFailure(new NullReferenceException()), error.Message);
#pragma warning restore CA2201
        });
        var logged = logger.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.IsType<NullReferenceException>(e.Exception));
        Assert.Contains(logged, e => e.Message.Contains("other.md", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failure_inside_a_library_is_told_from_a_bug_of_ours()
    {
        static void Ours() => throw new InvalidOperationException("ours");
        static void OursThroughTheRuntime() => new Stack<int>().Pop();

        Assert.False(LibraryFailure.IsFrom(Record.Exception(Ours)!, typeof(Markdig.Markdown).Assembly));
        Assert.False(LibraryFailure.IsFrom(Record.Exception(OursThroughTheRuntime)!, typeof(Markdig.Markdown).Assembly));
        // Markdig checks its argument with the runtime's helper: the runtime's frame is skipped, Markdig's counts.
        Assert.True(LibraryFailure.IsFrom(Record.Exception(() => Markdig.Markdown.Parse(null!))!, typeof(Markdig.Markdown).Assembly));
    }
}
