using System.Text.Json;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Preview;

/// <summary><c>check</c>, the seeds checker for content CI: output and exit codes.</summary>
public sealed class SeedCheckCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> CheckAsync(SeedOptions configured, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await new SeedCheckCommand(output, error).RunAsync(args, configured, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static Task<(int ExitCode, string Output, string Error)> CheckAsync(params string[] args) =>
        CheckAsync(new SeedOptions { SeedsPath = "/nonexistent/configured/seeds" }, args);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task The_hostile_corpus_exits_1_with_an_error_line_for_every_bad_file_and_nothing_on_stderr()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Good one").WithSlug("good-one"));
        foreach (var entry in NewsFeed.Tests.Hardening.HostileSeedCorpus.Entries())
        {
            seeds.WriteBytes(entry.Path, entry.Content);
        }

        var (exitCode, output, error) = await CheckAsync(new SeedOptions(), "--seeds", seeds.Root);

        Assert.Equal(SeedCheckCommand.HasErrors, exitCode);
        Assert.Equal("", error);
        var errorLines = Lines(output).Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
        foreach (var bad in NewsFeed.Tests.Hardening.HostileSeedCorpus.Entries().Where(e => e.MustFail))
        {
            Assert.Contains(errorLines, l => l.StartsWith($"{seeds.Root}/{bad.Path}:", StringComparison.Ordinal)
                || l.StartsWith($"{seeds.Root}/{bad.Path}.yml:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_clean_folder_exits_0_with_a_summary()
    {
        using var seeds = SeedFolder.Create().WithOriginal().With(new MarkdownArticle("Story"));

        var (exitCode, output, error) = await CheckAsync("--seeds", seeds.Root);

        Assert.Equal(SeedCheckCommand.Clean, exitCode);
        Assert.Equal([$"check: 2 seed files in {seeds.Root}: no problems"], Lines(output));
        Assert.Empty(error);
    }

    [Fact]
    public async Task Warnings_are_printed_but_the_check_passes()
    {
        using var seeds = SeedFolder.Create().Write("typo.md", "---\nheadline: Typo\npublished: 2025-01-01\nsectoin: News\n---\nBody.\n");

        var (exitCode, output, _) = await CheckAsync("--seeds", seeds.Root);

        Assert.Equal(0, exitCode);
        var lines = Lines(output);
        Assert.StartsWith($"{seeds.Root}/typo.md:4:1: warning: unknown field 'sectoin'", lines[0], StringComparison.Ordinal);
        Assert.Equal($"check: 1 seed file in {seeds.Root}: 0 errors (0 files would be skipped), 1 warning", lines[1]);
    }

    [Fact]
    public async Task A_picture_no_seed_uses_is_a_warning_at_its_path_and_the_check_passes()
    {
        using var seeds = SeedFolder.Create()
            .WriteBytes("images/used.jpg", TestImages.Jpeg(1600, 900))
            .WriteBytes("images/in-body.png", TestImages.Png(400, 300))
            .WriteBytes("images/old/unused.jpg", TestImages.Jpeg(400, 300))
            .With(new MarkdownArticle("Story").WithField("image:\n  src: images/used.jpg\n  alt: A quay\n  credit: Ana Li")
                .WithBody("Text.\n\n![A chart](images/in-body.png)"));

        var (exitCode, output, _) = await CheckAsync("--seeds", seeds.Root);

        Assert.Equal(SeedCheckCommand.Clean, exitCode);
        Assert.Equal(
            [
                $"{seeds.Root}/images/old/unused.jpg:1:1: warning: no article or author uses this picture; show it (an article's image.src or body, an author's avatar) or delete it",
                $"check: 1 seed file in {seeds.Root}: 0 errors (0 files would be skipped), 1 warning",
            ],
            Lines(output));
    }

    [Fact]
    public async Task A_broken_folder_exits_1_with_one_compiler_style_line_per_problem()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Good"))
            .Write("broken.md", "---\nheadline: Broken\npublished: 03/04/2025\n---\nBody.\n")
            .Write("authors/nameless.md", "---\njob_title: Nobody\n---\nBio.\n");

        var (exitCode, output, _) = await CheckAsync("--seeds", seeds.Root + "/");

        Assert.Equal(SeedCheckCommand.HasErrors, exitCode);
        var lines = Lines(output);
        Assert.Equal(3, lines.Length);
        Assert.Matches($"^{seeds.Root}/authors/nameless.md:\\d+:\\d+: error: ", lines[0]);
        Assert.Equal($"{seeds.Root}/broken.md:3:12: error: published: '03/04/2025' is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM", lines[1]);
        Assert.Equal($"check: 3 seed files in {seeds.Root}: 2 errors (2 files would be skipped), 0 warnings", lines[2]);
    }

    [Fact]
    public async Task Cross_file_problems_are_found_too()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("One").WithSlug("same"))
            .Write("two.md", new MarkdownArticle("Two").WithSlug("same").ToString());

        var (exitCode, output, _) = await CheckAsync("--seeds", seeds.Root);

        Assert.Equal(1, exitCode);
        Assert.Contains("two.md:3:1: error: slug 'same' is already used by same.md", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_parses_and_carries_every_problem()
    {
        using var seeds = SeedFolder.Create()
            .Write("broken.md", "---\nheadline: Broken\npublished: 03/04/2025\n---\nBody.\n")
            .Write("typo.md", "---\nheadline: Typo\npublished: 2025-01-01\nsectoin: News\n---\nBody.\n");

        var (exitCode, output, _) = await CheckAsync("--seeds", seeds.Root, "--format", "json");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(seeds.Root, root.GetProperty("seeds").GetString());
        Assert.Equal((2, 1, 1), (root.GetProperty("files").GetInt32(), root.GetProperty("errors").GetInt32(), root.GetProperty("warnings").GetInt32()));
        var problem = root.GetProperty("problems")[0];
        Assert.Equal(("broken.md", 3, 12, "error"),
            (problem.GetProperty("path").GetString(), problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32(), problem.GetProperty("severity").GetString()));
        Assert.StartsWith("published: '03/04/2025' is not a date", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("warning", root.GetProperty("problems")[1].GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_missing_folder_exits_2_naming_it()
    {
        using var seeds = SeedFolder.Create();
        var missing = Path.Combine(seeds.Root, "nope");

        var (exitCode, output, error) = await CheckAsync("--seeds", missing);

        Assert.Equal(SeedCheckCommand.CouldNotRun, exitCode);
        Assert.Empty(output);
        Assert.Equal($"check: the seeds folder '{missing}' does not exist", Lines(error).Single());
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--seeds")]
    [InlineData("--format", "xml")]
    public async Task Bad_arguments_exit_2_with_the_usage(params string[] args)
    {
        var (exitCode, output, error) = await CheckAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        Assert.Contains("usage: NewsFeed.Web check [--seeds DIR] [--format text|json]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_seeds_the_configured_folder_is_checked()
    {
        using var seeds = SeedFolder.Create().Write("broken.md", "no front matter");

        var (exitCode, output, _) = await CheckAsync(new SeedOptions { SeedsPath = seeds.Root });

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{seeds.Root}/broken.md:1:1: error: no front matter", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_seeds_folder_is_clean()
    {
        var (exitCode, output, _) = await CheckAsync("--seeds", RepoPaths.Seeds);

        Assert.Equal(0, exitCode);
        Assert.EndsWith("no problems", Lines(output).Single(), StringComparison.Ordinal);
    }
}
