using CsCheck;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Images;

namespace NewsFeed.Tests.Images;

/// <summary>
/// Thousands of damaged pictures (bytes flipped, cut short, spliced or repeated, in JPEG, PNG, GIF and SVG): reading
/// one never throws; it gives a picture within the limits whose variants can be made, or a reason why not.
/// </summary>
public sealed class ImageProbeTests : IDisposable
{
    private static readonly byte[][] Originals =
    [
        TestImages.Jpeg(64, 48, orientation: 6),
        TestImages.Png(40, 30, alpha: true),
        TestImages.Png(32, 32, sixteenBit: true),
        TestImages.AnimatedGif(24, 16, 2),
        TestImages.SvgWithScript(),
        TestImages.PngBomb(9_000, 9_000),
    ];

    private static readonly string[] Names = ["p.jpg", "p.png", "p.png", "p.gif", "p.svg", "p.png"];

    private readonly string _folder = Directory.CreateTempSubdirectory("newsfeed-probe-").FullName;

    private static readonly Gen<(int Original, byte[] Bytes)> Damaged =
        Gen.Select(Gen.Int[0, Originals.Length - 1], Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Byte)
            .Select(t =>
            {
                var (index, kind, at, count, value) = t;
                var bytes = Originals[index];
                var position = at % bytes.Length;
                byte[] mutated = kind switch
                {
                    0 => [.. bytes[..position], .. Enumerable.Repeat(value, count), .. bytes[Math.Min(bytes.Length, position + count)..]],
                    1 => bytes[..position],
                    2 => [.. bytes[..position], .. Enumerable.Repeat(value, count), .. bytes[position..]],
                    3 => [.. bytes[..position], .. bytes[Math.Min(bytes.Length, position + count)..]],
                    _ => [.. bytes, .. bytes[..Math.Min(bytes.Length, count * 16)]],
                };
                return (index, mutated);
            });

    [Fact]
    public void A_damaged_picture_is_read_or_refused_never_thrown()
    {
        var n = 0;
        Damaged.Sample(damaged =>
        {
            var path = Path.Combine(_folder, $"{Interlocked.Increment(ref n)}-{Names[damaged.Original]}");
            File.WriteAllBytes(path, damaged.Bytes);
            var facts = ImageProcessor.Probe(path, f => Path.Combine(_folder, $"{n}-check.{f.Fallback}"));
            if (facts.IsUsable)
            {
                Assert.True(facts.Width > 0 && facts.Height > 0 && (long)facts.Width * facts.Height <= ImageProcessor.MaxPixels);
                Assert.NotEmpty(facts.VariantWidths);
                Assert.True(File.Exists(Path.Combine(_folder, $"{n}-check.{facts.Fallback}")));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(facts.Problem));
                Assert.DoesNotContain(facts.Problem!, c => char.IsControl(c));
            }
        }, iter: 1_500, threads: 1, time: 20);
    }

    [Fact]
    public void A_bomb_is_refused_by_its_header_and_never_decoded()
    {
        var path = Path.Combine(_folder, "bomb.png");
        File.WriteAllBytes(path, TestImages.PngBomb());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var facts = ImageProcessor.Probe(path, f => Path.Combine(_folder, "bomb-check." + f.Fallback));

        Assert.False(facts.IsUsable);
        Assert.Contains("2,500 megapixels", facts.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "bomb-check.jpg")));
        // Decoding 7.5 GB of pixels would take minutes; the header takes milliseconds.
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(3000, 2000, new[] { 160, 480, 800, 1200, 1600 })]
    [InlineData(1000, 500, new[] { 160, 480, 800, 1000 })]
    [InlineData(1600, 900, new[] { 160, 480, 800, 1200, 1600 })]
    [InlineData(120, 80, new[] { 120 })]
    public void Variants_are_never_wider_than_the_picture(int width, int height, int[] widths) =>
        Assert.Equal(widths, new ImageFacts("k", width, height, false, false).VariantWidths);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
