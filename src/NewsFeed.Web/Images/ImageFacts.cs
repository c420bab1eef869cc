namespace NewsFeed.Web.Images;

/// <summary>
/// What the import learnt of one file under <c>seeds/images/</c>: its content key (the start of its SHA-256, so a
/// replaced file gets new URLs and old ones may be cached forever), its size as readers see it (EXIF orientation
/// applied), and the widths it is served at. <see cref="Problem"/> says why it cannot be shown, when it cannot.
/// </summary>
public sealed record ImageFacts(
    string Key, int Width, int Height, bool HasAlpha, bool IsVector, string? Problem = null, string? Note = null)
{
    /// <summary>The widths variants are made at: never wider than the image itself (no upscaling).</summary>
    public static readonly int[] Widths = [160, 480, 800, 1200, 1600];

    /// <summary>The format every browser shows, for the last <c>&lt;img&gt;</c> fallback: PNG where there is transparency.</summary>
    public string Fallback => HasAlpha ? "png" : "jpg";

    public bool IsUsable => Problem is null && Width > 0 && Height > 0;

    /// <summary>
    /// The widths this image has variants at: each standard width narrower than it, and its own width when that is
    /// below the largest (so a 1,000-pixel image is offered at 160, 480, 800 and 1,000).
    /// </summary>
    public IReadOnlyList<int> VariantWidths
    {
        get
        {
            var widths = Widths.Where(w => w < Width).ToList();
            if (Width <= Widths[^1])
            {
                widths.Add(Width);
            }

            return widths;
        }
    }

    /// <summary>The variant width closest to <paramref name="wanted"/> from below (or the smallest there is).</summary>
    public int WidthFor(int wanted) => VariantWidths.LastOrDefault(w => w <= wanted) is var w and > 0 ? w : VariantWidths[0];

    /// <summary>The height of the variant <paramref name="width"/> wide, in proportion.</summary>
    public int HeightAt(int width) => Math.Max(1, (int)Math.Round((double)Height * width / Width));

    /// <summary>The URL of one variant: content-keyed, so it never changes meaning and is cached as immutable.</summary>
    public string Url(int width, string format) => $"{ImageUrls.Prefix}{Key}/{width}.{format}";
}

/// <summary>The public URLs of image variants.</summary>
public static class ImageUrls
{
    public const string Prefix = "/img/";

    /// <summary>Formats a variant is made in, best first; the last one is the image's <see cref="ImageFacts.Fallback"/>.</summary>
    public static readonly string[] Modern = ["avif", "webp"];

    public static string ContentType(string format) => format switch
    {
        "avif" => "image/avif",
        "webp" => "image/webp",
        "png" => "image/png",
        _ => "image/jpeg",
    };
}
