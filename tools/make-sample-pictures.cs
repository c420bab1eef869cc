#:package NetVips@3.2.0
#:package NetVips.Native.linux-x64@8.18.7
#:property ManagePackageVersionsCentrally=false

// Makes the sample site's pictures from the illustrations in tools/sample-pictures/ (drawn as SVG, by hand):
// seeds/images/{name}.jpg at 2,400 pixels wide for the articles, seeds/images/authors/{name}.png at 480 for the
// authors, so the sample site exercises the picture pipeline with real raster files, the way a newsroom's would.
// Run from the repository root: dotnet run tools/make-sample-pictures.cs
using NetVips;

var sources = Path.Combine("tools", "sample-pictures");
var images = Path.Combine("seeds", "images");
foreach (var svg in Directory.EnumerateFiles(sources, "*.svg", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    var relative = Path.GetRelativePath(sources, svg);
    var portrait = relative.StartsWith("authors", StringComparison.Ordinal);
    var width = portrait ? 480 : 2400;
    using var drawn = Image.Thumbnail(svg, width, height: 100_000);
    var target = Path.Combine(images, Path.ChangeExtension(relative, portrait ? ".png" : ".jpg"));
    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
    if (portrait)
    {
        drawn.Pngsave(target, keep: Enums.ForeignKeep.None);
    }
    else
    {
        // A photograph has no transparency: the illustration is laid on white.
        using var flat = drawn.HasAlpha() ? drawn.Flatten(background: [255, 255, 255]) : drawn.Copy();
        flat.Jpegsave(target, q: 86, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);
    }

    Console.WriteLine($"{target}: {drawn.Width} x {drawn.Height}");
}
