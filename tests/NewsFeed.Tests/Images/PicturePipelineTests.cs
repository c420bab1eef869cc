using System.Net;
using System.Text;
using AngleSharp.Dom;
using NetVips;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Images;

/// <summary>
/// Pictures through the real app: the page offers sized variants in AVIF, WebP and JPEG or PNG, each served as an
/// immutable file with no metadata; a picture that cannot be shown is the article's problem (reported at its field,
/// the article published with its caption and credit) and never the site's.
/// </summary>
public sealed class PicturePipelineTests : IClassFixture<PicturePipelineTests.Site>
{
    private readonly Site _site;

    public PicturePipelineTests(Site site) => _site = site;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hero_is_a_picture_of_sized_variants_the_first_to_load()
    {
        var page = await _site.App.GetPageAsync("/articles/harbour");

        var picture = page.One("figure.hero picture");
        var img = picture.One("img");
        Assert.Equal(["image/avif", "image/webp"], picture.QuerySelectorAll("source").Select(s => s.GetAttribute("type")));
        Assert.Equal("1200", img.GetAttribute("width"));
        Assert.Equal("800", img.GetAttribute("height"));
        Assert.Equal("eager", img.GetAttribute("loading"));
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.Equal("Cranes on the east quay", img.GetAttribute("alt"));
        Assert.Equal([160, 480, 800, 1200, 1600], Widths(img.GetAttribute("srcset")!));
        Assert.Equal("max-image-preview:large", page.One("meta[name=robots]").GetAttribute("content"));
        var og = page.One("meta[property='og:image']").GetAttribute("content")!;
        Assert.EndsWith("/1200.jpg", og, StringComparison.Ordinal);
        Assert.Equal("800", page.One("meta[property='og:image:height']").GetAttribute("content"));
    }

    [Fact]
    public async Task Every_variant_is_the_width_it_says_in_srgb_immutable_and_without_the_photographers_metadata()
    {
        Assert.Contains(TestImages.SecretMarker, Encoding.ASCII.GetString(File.ReadAllBytes(_site.Seeds.PathOf("images/harbour.jpg"))), StringComparison.Ordinal);
        var page = await _site.App.GetPageAsync("/articles/harbour");
        using var client = _site.App.CreateClient();
        var candidates = page.QuerySelectorAll("figure.hero source, figure.hero img")
            .SelectMany(e => e.GetAttribute("srcset")!.Split(", ")).Select(c => c.Split(' ')).ToList();
        Assert.Equal(15, candidates.Count);
        foreach (var candidate in candidates)
        {
            using var response = await client.GetAsync(candidate[0], Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            var read = TestImages.Read(bytes);
            Assert.Equal(int.Parse(candidate[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture), read.Width);
            Assert.Equal(Enums.BandFormat.Uchar, read.Format);
            Assert.Equal(3, read.Bands);
            Assert.DoesNotContain(TestImages.SecretMarker, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            using var image = Image.NewFromBuffer(bytes);
            Assert.DoesNotContain(image.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "icc-profile-data");
        }
    }

    [Fact]
    public async Task The_original_address_leads_to_a_variant_and_made_up_variants_are_404()
    {
        using var client = _site.App.CreateClient(new() { AllowAutoRedirect = false });
        using var original = await client.GetAsync("/media/harbour.jpg", Ct);
        Assert.Equal(HttpStatusCode.Redirect, original.StatusCode);
        Assert.Matches("^/img/[0-9a-f]{20}/1600\\.jpg$", original.Headers.Location!.OriginalString);

        var key = original.Headers.Location.OriginalString.Split('/')[2];
        foreach (var url in new[] { $"/img/{key}/999.jpg", $"/img/{key}/3200.jpg", $"/img/{key}/1200.gif", $"/img/{key}/1200.png", $"/img/{key}/01200.jpg",
            $"/img/{new string('0', 20)}/1200.jpg", $"/img/{key.ToUpperInvariant()}/1200.jpg", "/img/../secret/1200.jpg", "/media/corrupt.jpg", "/media/bomb.png" })
        {
            using var response = await client.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("bomb", "images/bomb.png", "50,000 × 50,000 pixels")]
    [InlineData("corrupt", "images/corrupt.jpg", "could not be read as a picture")]
    public async Task A_picture_that_cannot_be_shown_is_reported_at_its_field_and_the_article_keeps_its_words(string slug, string src, string says)
    {
        var file = Assert.Single(_site.App.LastImport.Files, f => f.Path == $"{slug}.md");
        Assert.True(file.Problems.Count > 0, string.Join("\n", _site.App.LastImport.Problems));
        var problem = Assert.Single(file.Problems, p => p.Message.Contains(src, StringComparison.Ordinal) && p.Message.Contains(says, StringComparison.Ordinal));
        Assert.False(problem.IsError);
        Assert.Equal(Site.SrcLine, problem.Line);

        var page = await _site.App.GetPageAsync($"/articles/{slug}");
        var figure = page.One("figure.hero-missing");
        Assert.Null(figure.QuerySelector("img"));
        Assert.Equal("Picture: A picture of the quay", figure.One(".hero-alt").Text());
        Assert.Equal("The quay at six.", figure.One(".caption").Text());
        Assert.Equal("Ana Li", figure.One(".credit").Text());
    }

    [Fact]
    public async Task Awkward_pictures_are_converted_upright_8_bit_srgb()
    {
        // Turned by its EXIF orientation: 600 × 400 as stored, 400 × 600 as seen.
        Assert.Equal((400, 600, 3), await VariantAsync("rotated", 400, "jpg"));
        Assert.Equal((800, 533, 3), await VariantAsync("cmyk", 800, "jpg"));
        Assert.Equal((800, 600, 3), await VariantAsync("deep", 800, "jpg"));
        // Transparency keeps PNG as the fallback, with its alpha band.
        Assert.Equal((480, 360, 4), await VariantAsync("clear", 480, "png"));
        // An SVG and a GIF load with transparency: PNG is their fallback.
        Assert.Equal((480, 270, 4), await VariantAsync("script", 480, "png"));
        Assert.Equal((480, 270, 4), await VariantAsync("animated", 480, "png"));
    }

    [Theory]
    [InlineData("lying", "is a PNG file named as JPEG")]
    [InlineData("animated", "is animated; readers see its first frame")]
    [InlineData("rotated", "is 400 pixels wide; Google Discover")]
    public async Task Pictures_shown_with_a_caveat_warn_at_their_field(string slug, string says)
    {
        var file = Assert.Single(_site.App.LastImport.Files, f => f.Path == $"{slug}.md");
        Assert.Contains(file.Problems, p => !p.IsError && p.Line == Site.SrcLine && p.Message.Contains(says, StringComparison.Ordinal));
        Assert.NotNull((await _site.App.GetPageAsync($"/articles/{slug}")).QuerySelector("figure.hero picture img"));
    }

    [Fact]
    public async Task An_svg_is_shown_as_a_raster_and_its_own_file_runs_no_script()
    {
        var page = await _site.App.GetPageAsync("/articles/script");
        var img = page.One("figure.hero picture img");
        Assert.StartsWith("/img/", img.GetAttribute("src"), StringComparison.Ordinal);
        Assert.DoesNotContain(".svg", page.One("figure.hero").OuterHtml, StringComparison.Ordinal);

        using var client = _site.App.CreateClient();
        using var svg = await client.GetAsync("/media/script.svg", Ct);
        Assert.Contains("sandbox", svg.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_card_of_a_listing_loads_first_and_the_rest_lazily()
    {
        var page = await _site.App.GetPageAsync("/");
        var images = page.QuerySelectorAll(".feed .card-image");
        Assert.True(images.Length >= 3);
        Assert.Equal("high", images[0].GetAttribute("fetchpriority"));
        Assert.All(images.Skip(1), i => Assert.Equal("lazy", i.GetAttribute("loading")));
        Assert.All(images, i => Assert.NotNull(i.GetAttribute("width")));
    }

    private async Task<(int, int, int)> VariantAsync(string slug, int width, string format)
    {
        var page = await _site.App.GetPageAsync($"/articles/{slug}");
        var src = page.One("figure.hero picture img").GetAttribute("src")!;
        var url = src[..(src.LastIndexOf('/') + 1)] + $"{width}.{format}";
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{slug}: {url} is {response.StatusCode}");
        var read = TestImages.Read(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Enums.BandFormat.Uchar, read.Format);
        Assert.Contains(read.Interpretation, new[] { Enums.Interpretation.Srgb, Enums.Interpretation.Rgb });
        return (read.Width, read.Height, read.Bands);
    }

    private static List<int> Widths(string srcset) =>
        [.. srcset.Split(", ").Select(c => int.Parse(c.Split(' ')[1].TrimEnd('w'), System.Globalization.CultureInfo.InvariantCulture))];

    public sealed class Site : IDisposable
    {
        /// <summary>The line of <c>image.src</c> in each article below (after ---, slug, headline, published, image:).</summary>
        public const int SrcLine = 6;

        public Site()
        {
            Seeds = SeedFolder.Create()
                .WriteBytes("images/harbour.jpg", TestImages.Jpeg(3000, 2000))
                .WriteBytes("images/bomb.png", TestImages.PngBomb())
                .WriteBytes("images/corrupt.jpg", TestImages.CorruptJpeg())
                .WriteBytes("images/lying.jpg", TestImages.Png(1600, 900))
                .WriteBytes("images/animated.gif", TestImages.AnimatedGif(1600, 900, 3))
                .WriteBytes("images/cmyk.jpg", TestImages.Jpeg(1500, 1000, cmyk: true))
                .WriteBytes("images/rotated.jpg", TestImages.Jpeg(600, 400, orientation: 6))
                .WriteBytes("images/deep.png", TestImages.Png(1600, 1200, sixteenBit: true))
                .WriteBytes("images/clear.png", TestImages.Png(1600, 1200, alpha: true))
                .WriteBytes("images/script.svg", TestImages.SvgWithScript());
            var day = new DateTime(2025, 5, 1, 8, 0, 0, DateTimeKind.Utc);
            var pictures = new[] { "harbour.jpg", "bomb.png", "corrupt.jpg", "lying.jpg", "animated.gif", "cmyk.jpg", "rotated.jpg", "deep.png", "clear.png", "script.svg" };
            for (var i = 0; i < pictures.Length; i++)
            {
                var slug = Path.GetFileNameWithoutExtension(pictures[i]);
                var alt = slug == "harbour" ? "Cranes on the east quay" : "A picture of the quay";
                Seeds.Write($"{slug}.md", $"---\nslug: {slug}\nheadline: Picture {slug}\npublished: {day.AddHours(i):yyyy-MM-ddTHH:mm:ssZ}\nimage:\n  src: images/{pictures[i]}\n  alt: {alt}\n  caption: The quay at six.\n  credit: Ana Li\n---\nBody of {slug}.\n");
            }

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
