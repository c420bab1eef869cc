using System.Text.Json;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Images;

/// <summary>
/// A picture under <c>seeds/images/</c> that no article (hero or body) and no author (avatar) shows is a warning at the
/// picture's own path, in the import report, on <c>/healthz/ready</c> and in preview's problems bar and list, and
/// nothing is skipped for it (<c>check</c> says the same: <see cref="Preview.SeedCheckCommandTests"/>).
/// </summary>
public sealed class UnusedPictureTests : IClassFixture<UnusedPictureTests.Site>
{
    private const string Warning =
        "images/old/unused.jpg:1:1: warning: no article or author uses this picture; show it (an article's image.src or body, an author's avatar) or delete it";

    private readonly Site _site;

    public UnusedPictureTests(Site site) => _site = site;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_report_warns_at_the_pictures_path_and_skips_nothing()
    {
        var report = _site.App.LastImport;

        var unused = Assert.Single(report.Files, f => f.Path.StartsWith("images/", StringComparison.Ordinal));
        Assert.Equal(Warning, Assert.Single(unused.Problems).ToString());
        Assert.Equal(SeedFileState.Ignored, unused.State);
        // Hero, body, avatar, and a file with errors (its last good version may show it) all use theirs.
        Assert.Equal(["broken.md"], report.Files.Where(f => f.State == SeedFileState.Skipped).Select(f => f.Path));
        Assert.Equal(["story.md"], report.Files.Where(f => f.State == SeedFileState.Imported && f.ArticleSlug is not null).Select(f => f.Path));
    }

    [Fact]
    public async Task Readiness_lists_the_warning_with_the_pictures_path()
    {
        using var client = _site.App.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/healthz/ready", Ct));

        var import = json.RootElement.GetProperty("checks").GetProperty("import");
        var listed = import.GetProperty("filesWithWarnings").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "images/old/unused.jpg");
        Assert.Equal(Warning, Assert.Single(listed.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(1, import.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Preview_shows_it_in_the_problems_bar_and_the_problems_list()
    {
        using var seeds = SeedFolder.Create()
            .WriteBytes("images/old/unused.jpg", TestImages.Jpeg(400, 300))
            .With(new MarkdownArticle("Plain story").WithSlug("plain"));
        using var app = new NewsFeedApp(seeds).InPreview();

        var home = await app.GetPageAsync("/");
        Assert.Equal("0 errors and 1 warning in 1 seed file", home.One(".preview-bar summary").Text());
        var problems = await app.GetPageAsync("/_preview/problems");
        var file = problems.One("li.seed-file[data-path='images/old/unused.jpg']");
        Assert.Equal("images/old/unused.jpg:1:1", file.One(".seed-location").Text());
        Assert.Equal("warning", file.One(".seed-severity").Text());
        Assert.StartsWith("no article or author uses this picture", file.One(".seed-message").Text(), StringComparison.Ordinal);
    }

    public sealed class Site : IDisposable
    {
        public Site()
        {
            Seeds = SeedFolder.Create()
                .WriteBytes("images/hero.jpg", TestImages.Jpeg(1600, 900))
                .WriteBytes("images/in-body.png", TestImages.Png(400, 300))
                .WriteBytes("images/face.png", TestImages.Png(400, 400))
                .WriteBytes("images/named-by-broken.jpg", TestImages.Jpeg(400, 300))
                .WriteBytes("images/old/unused.jpg", TestImages.Jpeg(400, 300))
                .Write("story.md", "---\nslug: story\nheadline: Story\npublished: 2025-05-01\nauthor: ana-li\nimage:\n  src: images/hero.jpg\n  alt: A quay\n  credit: Ana Li\n---\nText.\n\n![A chart](images/in-body.png)\n")
                .Write("authors/ana-li.md", "---\nname: Ana Li\navatar: images/face.png\n---\nAna writes.\n")
                .Write("broken.md", "---\nheadline: Broken\ndraft: yes\nimage:\n  src: images/named-by-broken.jpg\n---\nText.\n");
            App = new NewsFeedApp(Seeds);
        }

        public SeedFolder Seeds { get; }

        public NewsFeedApp App { get; }

        public void Dispose()
        {
            App.Dispose();
            Seeds.Dispose();
        }
    }
}
