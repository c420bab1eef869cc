using System.Globalization;
using System.Text;
using NetVips;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Images;

/// <summary>
/// The encoder that runs after an import makes every variant a page offers without a reader asking for one, each
/// from one decode of its picture: at the size the page's markup promises (upright, even for an EXIF-rotated photo),
/// 8-bit, with transparency where the picture has it, and with none of the photographer's metadata.
/// </summary>
public sealed class BackgroundVariantsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_variant_a_page_offers_is_made_in_the_background_at_the_size_its_markup_says()
    {
        using var seeds = SeedFolder.Create()
            .WriteBytes("images/harbour.jpg", TestImages.Jpeg(3000, 2000))
            .WriteBytes("images/rotated.jpg", TestImages.Jpeg(1800, 1200, orientation: 6))
            .WriteBytes("images/cmyk.jpg", TestImages.Jpeg(1500, 1000, cmyk: true))
            .WriteBytes("images/clear.png", TestImages.Png(1000, 750, alpha: true));
        var slugs = new[] { "harbour", "rotated", "cmyk", "clear" };
        foreach (var (slug, i) in slugs.Select((s, i) => (s, i)))
        {
            var file = slug == "clear" ? "clear.png" : $"{slug}.jpg";
            seeds.Write($"{slug}.md", $"---\nheadline: Picture {slug}\nslug: {slug}\npublished: 2025-05-0{i + 1}\nimage:\n  src: images/{file}\n  alt: A quay\n  credit: Ana Li\n---\nBody.\n");
        }

        using var app = new NewsFeedApp(seeds);
        // What each page offers: its hero's candidates (no variant is requested, so only the encoder can make them).
        var offered = new List<(string Slug, string Url, int Width, int Height, int Bands)>();
        foreach (var slug in slugs)
        {
            var page = await app.GetPageAsync($"/articles/{slug}");
            var img = page.One("figure.hero picture img");
            var (width, height) = (Number(img.GetAttribute("width")!), Number(img.GetAttribute("height")!));
            var bands = slug == "clear" ? 4 : 3;
            foreach (var candidate in page.QuerySelectorAll("figure.hero source, figure.hero img").SelectMany(e => e.GetAttribute("srcset")!.Split(", ")))
            {
                var (url, w) = (candidate.Split(' ')[0], Number(candidate.Split(' ')[1].TrimEnd('w')));
                offered.Add((slug, url, w, (int)Math.Round((double)height * w / width), bands));
            }
        }

        // 5 widths × 3 formats for the harbour and the CMYK photo (its own 1,500 last); 4 for the rotated one, 1,200
        // wide upright (160, 480, 800, 1,200), and for the PNG (its own 1,000 last).
        Assert.Equal((2 * 15) + (2 * 12), offered.Count);
        var files = offered.Select(o => (o, Path: PathOf(app, o.Url))).ToList();
        for (var waited = 0; files.Any(f => !File.Exists(f.Path)); waited++)
        {
            Assert.True(waited < 1200, $"not made after 120 s: {string.Join(", ", files.Where(f => !File.Exists(f.Path)).Select(f => f.o.Url))}");
            await Task.Delay(100, Ct);
        }

        foreach (var ((slug, url, width, height, bands), path) in files)
        {
            var bytes = await File.ReadAllBytesAsync(path, Ct);
            var read = TestImages.Read(bytes);
            Assert.True((width, height, bands) == (read.Width, read.Height, read.Bands),
                $"{slug} {url}: {read.Width} × {read.Height} × {read.Bands}, the page says {width} × {height} × {bands}");
            Assert.Equal(Enums.BandFormat.Uchar, read.Format);
            Assert.DoesNotContain(TestImages.SecretMarker, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
            using var image = Image.NewFromBuffer(bytes);
            Assert.DoesNotContain(image.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal) || f is "xmp-data" or "icc-profile-data");
        }
    }

    /// <summary>Where the cache keeps a variant: <c>{cache}/{key[..2]}/{key}/{width}.{format}</c> for <c>/img/{key}/{width}.{format}</c>.</summary>
    private static string PathOf(NewsFeedApp app, string url)
    {
        var parts = url.Split('/');
        return Path.Combine(app.ImageCachePath, parts[2][..2], parts[2], parts[3]);
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
