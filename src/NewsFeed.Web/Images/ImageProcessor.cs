using System.Globalization;
using System.Security.Cryptography;
using NetVips;

namespace NewsFeed.Web.Images;

/// <summary>
/// libvips, used the way untrusted files need: the header is read first and checked before any pixel is decoded;
/// only the loaders a newsroom's pictures use are allowed; every variant is made upright, in sRGB, 8 bits a channel,
/// and written with no metadata at all (no EXIF, no GPS position, no camera serial number).
/// </summary>
public static class ImageProcessor
{
    /// <summary>The largest picture decoded: 40 megapixels (a 7,700 × 5,200 photograph; most cameras give 24).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The largest file read.</summary>
    public const long MaxBytes = 40 * 1024 * 1024;

    private static readonly Dictionary<string, string> Loaders = new(StringComparer.Ordinal)
    {
        ["VipsForeignLoadJpegFile"] = "JPEG",
        ["VipsForeignLoadPngFile"] = "PNG",
        ["VipsForeignLoadWebpFile"] = "WebP",
        ["VipsForeignLoadHeifFile"] = "AVIF",
        ["VipsForeignLoadGifFile"] = "GIF",
        ["VipsForeignLoadNsgifFile"] = "GIF",
        ["VipsForeignLoadSvgFile"] = "SVG",
    };

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "JPEG",
        [".jpeg"] = "JPEG",
        [".png"] = "PNG",
        [".webp"] = "WebP",
        [".avif"] = "AVIF",
        [".gif"] = "GIF",
        [".svg"] = "SVG",
    };

    static ImageProcessor()
    {
        // Loaders libvips itself marks untrusted (ImageMagick, PDF, MATLAB, FITS…) are refused whatever a file claims.
        NetVips.NetVips.BlockUntrusted = true;
        // Except SVG, which libvips counts as untrusted for librsvg's size: editors' diagrams and logos are SVG. It
        // only ever draws (no script runs, nothing is fetched) and the header's size is checked like any other.
        Operation.Block("VipsForeignLoadSvg", false);
        // Each file is read once: an operation cache would only hold decoded images in memory.
        Cache.Max = 0;
        // libvips' own warnings ("error in tile 0 x 16") would go to stderr unasked, with no file named; a picture's
        // problem reaches the editor through its article instead (Probe), and the encoder logs its failures.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug, static (_, _, _) => { });
        // One thread an operation: variants are made one or two at a time beside a site that is serving.
        NetVips.NetVips.Concurrency = 1;
    }

    /// <summary>Whether a file name is one the pipeline reads (by its extension; the content is checked by <see cref="Probe"/>).</summary>
    public static bool IsImageName(string path) => Extensions.ContainsKey(Path.GetExtension(path));

    /// <summary>
    /// Reads what <see cref="ImageFacts"/> holds from the file's bytes and header, then decodes a small variant to
    /// the path <paramref name="checkTarget"/> gives (shrink-on-load makes that cheap), so a file that is broken past its header is found
    /// at import, not by a reader. Never throws for a bad file: the facts carry the problem.
    /// </summary>
    public static ImageFacts Probe(string path, Func<ImageFacts, string> checkTarget)
    {
        var key = "";
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                return new ImageFacts(key, 0, 0, false, false,
                    $"is {length / (1024 * 1024)} MB; NewsFeed reads image files of at most {MaxBytes / (1024 * 1024)} MB");
            }

            using (var stream = File.OpenRead(path))
            {
                key = Convert.ToHexStringLower(SHA256.HashData(stream))[..20];
            }

            var loader = Image.FindLoad(path);
            if (loader is null || !Loaders.TryGetValue(loader, out var kind))
            {
                return new ImageFacts(key, 0, 0, false, false,
                    "is not a picture NewsFeed can read (JPEG, PNG, WebP, AVIF, GIF or SVG)" + (loader is null ? "" : $"; it looks like {Describe(loader)}"));
            }

            using var image = Image.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation"), CultureInfo.InvariantCulture) : 1;
            var (width, height) = orientation >= 5 ? (image.Height, image.Width) : (image.Width, image.Height);
            if ((long)width * height > MaxPixels)
            {
                return new ImageFacts(key, 0, 0, false, false, string.Create(CultureInfo.InvariantCulture,
                    $"is {width:N0} × {height:N0} pixels ({(double)width * height / 1_000_000:N0} megapixels); NewsFeed decodes at most {MaxPixels / 1_000_000} megapixels, so export it smaller"));
            }

            var notes = new List<string>();
            var named = Extensions.GetValueOrDefault(Path.GetExtension(path));
            if (named != kind)
            {
                notes.Add($"is a {kind} file named as {named ?? "something else"}; rename it to match");
            }

            if (image.Contains("n-pages") && Convert.ToInt32(image.Get("n-pages"), CultureInfo.InvariantCulture) > 1)
            {
                notes.Add("is animated; readers see its first frame");
            }

            var facts = new ImageFacts(key, width, height, image.HasAlpha(), kind == "SVG", Note: notes.Count == 0 ? null : string.Join("; ", notes));
            // Strict here, where a reader would see grey blocks: a warning from the decoder (data cut short or
            // garbled past the header) is a damaged file. The variants later made from a file that passed are not.
            Encode(path, facts.VariantWidths[0], facts.Fallback, checkTarget(facts), Enums.FailOn.Warning);
            return facts;
        }
        catch (VipsException)
        {
            // Not libvips' own words: its error buffer is shared by every thread, so they may be about another file.
            return new ImageFacts(key, 0, 0, false, false, "could not be read as a picture: it is damaged or cut short");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImageFacts(key, 0, 0, false, false, $"could not be opened ({e.GetType().Name})");
        }
    }

    /// <summary>
    /// Writes the variant <paramref name="width"/> wide in <paramref name="format"/> to <paramref name="target"/>:
    /// upright, sRGB, 8-bit, no metadata. Written beside it and moved into place, so a reader never gets half a file.
    /// </summary>
    public static void Encode(string source, int width, string format, string target, Enums.FailOn failOn = Enums.FailOn.Error)
    {
        using var image = Open(source, width, failOn);
        Save(image, image.Width, image.Height, format, target);
    }

    /// <summary>
    /// Decodes the picture once, <paramref name="width"/> wide, upright and in 8-bit sRGB, into memory, for
    /// <see cref="Save"/> to make that width and every smaller one from: decoding a 3,000 × 2,000 JPEG for each of
    /// 15 variants was 40 % of the encoder's time (2.4 s of 5.9 s a picture, bench/README.md "Pictures").
    /// </summary>
    public static Image Open(string source, int width, Enums.FailOn failOn = Enums.FailOn.Error)
    {
        // Thumbnail shrinks on load where the format can (JPEG by 2, 4 or 8), turns the image upright by its EXIF
        // orientation and imports an embedded colour profile (CMYK included) to sRGB.
        using var thumbnail = Image.Thumbnail(source, width, height: 10_000_000, size: Enums.Size.Down, failOn: failOn);
        using var srgb = thumbnail.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw && thumbnail.Format == Enums.BandFormat.Uchar
            ? null
            : thumbnail.Colourspace(Enums.Interpretation.Srgb);
        return (srgb ?? thumbnail).CopyMemory();
    }

    /// <summary>
    /// Writes <paramref name="image"/> (from <see cref="Open"/>) at <paramref name="width"/> × <paramref name="height"/>,
    /// with no metadata. The height is the caller's (<see cref="ImageFacts.HeightAt"/>, what the page's markup says):
    /// resized from the decoded width, libvips would round it from that width, a pixel off the original's proportion.
    /// </summary>
    public static void Save(Image image, int width, int height, string format, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using var sized = image.Width == width && image.Height == height ? null : image.ThumbnailImage(width, height: height, size: Enums.Size.Force);
            var variant = sized ?? image;
            switch (format)
            {
                case "avif":
                    variant.Heifsave(temporary, q: 55, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None);
                    break;
                case "webp":
                    variant.Webpsave(temporary, q: 78, effort: 4, keep: Enums.ForeignKeep.None);
                    break;
                case "png":
                    variant.Pngsave(temporary, compression: 6, keep: Enums.ForeignKeep.None);
                    break;
                default:
                    variant.Jpegsave(temporary, q: 80, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
                    break;
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Describe(string loader) =>
        loader.Replace("VipsForeignLoad", "", StringComparison.Ordinal).Replace("File", "", StringComparison.Ordinal) switch
        {
            "Tiff" => "a TIFF file",
            "Pdf" => "a PDF",
            "Magick" or "Magick7" => "a file only ImageMagick reads",
            var other => $"a {other} file",
        };
}
