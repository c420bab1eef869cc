using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// Every input a fuzz target (fuzz/) or the mutation test ever broke, kept in <c>fuzz/regressions/{target}/</c> under a
/// name that says what it is, read as the import reads that kind of file: it must end in a verdict, not in an
/// exception (which the reader's boundary would log as a bug).
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(RepoPaths.Root, "fuzz", "regressions");
        foreach (var target in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(target), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_saved_input_reads_to_a_verdict(string target, string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "fuzz", "regressions", target, name), TestContext.Current.CancellationToken);
        var (path, content) = target switch
        {
            "text-page" => ("page.txt", bytes),
            "front-matter" => ("article.md", bytes),
            // A body: under a front matter that is fine, so the Markdown is what is tried.
            "markdown" => ("article.md", [.. "---\nheadline: Fuzzed body\npublished: 2025-01-01\n---\n"u8, .. bytes]),
            _ => throw new InvalidOperationException($"unknown fuzz target folder {target}"),
        };
        using var seeds = SeedFolder.Create().WriteBytes(path, content);
        var logger = new RecordingLogger<SeedReader>();

        var document = await new SeedReader(TestReader.Renderer, Options.Create(new SeedOptions()), logger)
            .ReadFileAsync(seeds.Root, path, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Error);
        Assert.NotNull(document);
        Assert.All(document.Problems, p =>
        {
            Assert.Equal(path, p.Path);
            Assert.True(VisibleText.UnpairedSurrogateAt(p.Message) < 0 && !p.Message.Any(char.IsControl), p.Message);
        });
        if (document.HasErrors)
        {
            Assert.Null(document.Article);
        }
        else if (document.Article is { } article)
        {
            Assert.False(VisibleText.IsBlank(article.Headline));
            Assert.True(Slug.IsValid(article.Slug), article.Slug);
        }
    }
}
