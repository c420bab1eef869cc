using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Images;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Images;

/// <summary>
/// Pictures in an article's Markdown body, through the real app: one the pipeline knows is the same sized, responsive
/// <c>&lt;picture&gt;</c> as a hero (made at import, kept by the sanitizer), one it cannot show is its alt text with a
/// warning at its line, feeds name the large variant, and a replaced picture file renders its articles again.
/// </summary>
public sealed class BodyPictureTests : IClassFixture<BodyPictureTests.Site>
{
    private const string BaseUrl = "https://news.example.org/";

    private readonly Site _site;

    public BodyPictureTests(Site site) => _site = site;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_local_body_picture_is_a_lazy_picture_of_sized_variants()
    {
        var page = await _site.App.GetPageAsync("/articles/story");

        var picture = page.One(".story-body picture");
        Assert.Equal(["image/avif", "image/webp"], picture.QuerySelectorAll("source").Select(s => s.GetAttribute("type")));
        Assert.All(picture.QuerySelectorAll("source"), s => Assert.Equal(PictureMarkup.ArticleColumn, s.GetAttribute("sizes")));
        var img = picture.One("img");
        Assert.Equal(PictureMarkup.ArticleColumn, img.GetAttribute("sizes"));
        Assert.Equal([160, 480, 800, 1200, 1600], Widths(img.GetAttribute("srcset")!));
        Assert.Equal(("1200", "800"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("lazy", "async"), (img.GetAttribute("loading"), img.GetAttribute("decoding")));
        Assert.Null(img.GetAttribute("fetchpriority"));
        Assert.Equal("Cranes on the east quay", img.GetAttribute("alt"));
        Assert.Equal("At dawn", img.GetAttribute("title"));
        Assert.Matches("^/img/[0-9a-f]{20}/1200\\.jpg$", img.GetAttribute("src"));
        Assert.Empty(page.QuerySelectorAll(".story-body img[src^='/media/']"));

        using var client = _site.App.CreateClient();
        foreach (var candidate in picture.QuerySelectorAll("source, img").SelectMany(e => e.GetAttribute("srcset")!.Split(", ")).Select(c => c.Split(' ')[0]))
        {
            using var response = await client.GetAsync(candidate, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{candidate}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_external_body_picture_stays_as_written()
    {
        var page = await _site.App.GetPageAsync("/articles/story");

        var external = page.One(".story-body img[src^='https://']");
        Assert.Equal("https://example.org/logo.png", external.GetAttribute("src"));
        Assert.Null(external.Closest("picture"));
    }

    [Theory]
    [InlineData("images/missing.png", Site.MissingLine, "does not exist in the seeds folder", "Picture: A missing map")]
    [InlineData("images/corrupt.jpg", Site.CorruptLine, "could not be read as a picture", "Picture: A broken chart")]
    public async Task A_body_picture_that_cannot_be_shown_is_its_alt_text_with_a_warning_at_its_line(string src, int line, string says, string shown)
    {
        var file = Assert.Single(_site.App.LastImport.Files, f => f.Path == "story.md");
        Assert.Equal(SeedFileState.Imported, file.State);
        var problem = Assert.Single(file.Problems, p => p.Message.Contains($"'{src}'", StringComparison.Ordinal));
        Assert.False(problem.IsError);
        Assert.Equal((line, 1), (problem.Line, problem.Column));
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);

        var page = await _site.App.GetPageAsync("/articles/story");
        Assert.Contains(shown, page.QuerySelectorAll(".story-body .picture-missing").Select(e => e.Text()));
        Assert.Single(page.QuerySelectorAll(".story-body img[src^='/img/']"));
    }

    [Fact]
    public async Task Feeds_give_a_body_picture_as_its_large_variant_with_an_absolute_url_and_its_size()
    {
        using var client = _site.App.CreateClient();
        var rss = XDocument.Parse(await client.GetStringAsync("/feed.xml", Ct));
        var encoded = rss.Descendants("item").Single(i => i.Element("link")!.Value.EndsWith("/articles/story", StringComparison.Ordinal))
            .Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value;
        using var json = JsonDocument.Parse(await client.GetStringAsync("/feed.json", Ct));
        var contentHtml = json.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("url").GetString()!.EndsWith("/articles/story", StringComparison.Ordinal)).GetProperty("content_html").GetString()!;

        foreach (var html in new[] { encoded, contentHtml })
        {
            var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
            Assert.Empty(body.QuerySelectorAll("picture, source, [srcset], [sizes]"));
            var img = body.QuerySelectorAll("img").Single(i => i.GetAttribute("alt") == "Cranes on the east quay");
            Assert.Matches($"^{BaseUrl}img/[0-9a-f]{{20}}/1200\\.jpg$", img.GetAttribute("src"));
            Assert.Equal(("1200", "800"), (img.GetAttribute("width"), img.GetAttribute("height")));
            Assert.Equal("https://example.org/logo.png", body.QuerySelectorAll("img").Single(i => i.GetAttribute("alt") == "Logo").GetAttribute("src"));
        }
    }

    [Fact]
    public async Task A_replaced_body_picture_is_shown_anew_after_a_restart()
    {
        using var seeds = SeedFolder.Create()
            .WriteBytes("images/map.jpg", TestImages.Jpeg(3000, 2000))
            .Write("map.md", "---\nslug: map\nheadline: The map\npublished: 2025-05-01\n---\n![The map](images/map.jpg)\n");
        string before;
        string databasePath;
        using (var first = new NewsFeedApp(seeds))
        {
            databasePath = first.DatabasePath;
            before = await BodyPictureSourceAsync(first, "/articles/map");
            Assert.Equal(SeedFileState.Imported, Assert.Single(first.LastImport.Files).State);
        }

        using (var unchanged = new NewsFeedApp(seeds, databasePath))
        {
            // Nothing changed: the article is not rendered or written again.
            Assert.Equal(SeedFileState.Unchanged, Assert.Single(unchanged.LastImport.Files).State);
            Assert.Equal(before, await BodyPictureSourceAsync(unchanged, "/articles/map"));
        }

        seeds.WriteBytes("images/map.jpg", TestImages.Jpeg(2400, 1800));
        using var restarted = new NewsFeedApp(seeds, databasePath);

        var after = await BodyPictureSourceAsync(restarted, "/articles/map");
        Assert.NotEqual(before, after);
        var img = (await restarted.GetPageAsync("/articles/map")).One(".story-body picture img");
        Assert.Equal(("1200", "900"), (img.GetAttribute("width"), img.GetAttribute("height")));
        using var client = restarted.CreateClient();
        using var response = await client.GetAsync(after, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task In_preview_a_saved_body_picture_renders_its_articles_again()
    {
        using var seeds = SeedFolder.Create()
            .Write("map.md", "---\nslug: map\nheadline: The map\npublished: 2025-05-01\n---\nBefore.\n\n![The map](images/map.jpg)\n");
        using var app = new NewsFeedApp(seeds).InPreview();
        Assert.Equal("Picture: The map", (await app.GetPageAsync("/articles/map")).One(".story-body .picture-missing").Text());

        seeds.WriteBytes("images/map.jpg", TestImages.Jpeg(1600, 900));
        var report = await app.Services.GetRequiredService<SeedImport>().ImportChangesAsync(["images/map.jpg"], Ct);

        Assert.Empty(Assert.Single(report.Files).Problems);
        var img = (await app.GetPageAsync("/articles/map")).One(".story-body picture img");
        Assert.Equal(("1200", "675"), (img.GetAttribute("width"), img.GetAttribute("height")));
    }

    private static async Task<string> BodyPictureSourceAsync(NewsFeedApp app, string url) =>
        (await app.GetPageAsync(url)).One(".story-body picture img").GetAttribute("src")!;

    private static List<int> Widths(string srcset) =>
        [.. srcset.Split(", ").Select(c => int.Parse(c.Split(' ')[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture))];

    public sealed class Site : IDisposable
    {
        // After ---, slug, headline, published, author, --- (the body starts on line 7).
        public const int MissingLine = 11;
        public const int CorruptLine = 13;

        public Site()
        {
            Seeds = SeedFolder.Create()
                .WriteBytes("images/harbour.jpg", TestImages.Jpeg(3000, 2000))
                .WriteBytes("images/corrupt.jpg", TestImages.CorruptJpeg())
                .WriteBytes("images/face.png", TestImages.Png(400, 400))
                .Write("story.md", """
                    ---
                    slug: story
                    headline: A story with pictures
                    published: 2025-05-01T08:00:00Z
                    author: ana-li
                    ---
                    First paragraph.

                    ![Cranes on the east quay](images/harbour.jpg "At dawn")

                    ![A missing map](images/missing.png)

                    ![A broken chart](images/corrupt.jpg)

                    ![Logo](https://example.org/logo.png)

                    """)
                .Write("authors/ana-li.md", "---\nname: Ana Li\navatar: images/face.png\n---\nAna writes.\n");
            App = new NewsFeedApp(Seeds).WithSetting("NewsFeed:Site:BaseUrl", BaseUrl);
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
