using NewsFeed.Web.Images;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>What a format reader needs besides the text: where it is, where to report, and the shared renderer.</summary>
internal sealed class SeedContext(
    string seedsRoot, string path, ProblemSink problems, MarkdownRenderer renderer, bool storedAsIs = false, ImageCatalog? images = null,
    IReadOnlySet<string>? pictures = null)
{
    /// <summary>
    /// The store already holds exactly these bytes (same hash), so the import will not write this file: its
    /// body need not be rendered, only its front matter read for validation.
    /// </summary>
    public bool StoredAsIs { get; } = storedAsIs;

    public string SeedsRoot { get; } = seedsRoot;
    public string Path { get; } = path;
    public ProblemSink Problems { get; } = problems;
    public MarkdownRenderer Renderer { get; } = renderer;

    /// <summary>What the import learnt of the pictures (none in tests that read a file alone).</summary>
    public ImageCatalog? Images { get; } = images;

    /// <summary>The pictures the file names (<see cref="SeedPictures.Named"/>): the only ones its body makes a <c>&lt;picture&gt;</c> of.</summary>
    public IReadOnlySet<string> Pictures { get; } = pictures ?? SeedDocument.NoPictures;

    /// <summary>True for external URLs, and for /media/ paths whose file is inside seeds/images/.</summary>
    public bool MediaExists(string url)
    {
        if (!url.StartsWith(UrlPolicy.MediaPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        var images = System.IO.Path.Combine(SeedsRoot, "images");
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(images, Uri.UnescapeDataString(url[UrlPolicy.MediaPrefix.Length..])));
        return full.StartsWith(images + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full);
    }
}
