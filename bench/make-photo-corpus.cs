#:package NetVips@3.2.0
#:package NetVips.Native.linux-x64@8.18.7
#:property ManagePackageVersionsCentrally=false

// The picture import's corpus (bench/picture-import.sh): the articles of a bench corpus, each given its own
// photograph-sized JPEG (3,000 x 2,000, a gradient under Gaussian noise, so it compresses like a photograph: about
// 1.7 MB) as its hero image.
// Usage: dotnet run bench/make-photo-corpus.cs SOURCE_CORPUS TARGET_FOLDER
using System.Text.RegularExpressions;
using NetVips;

var (source, target) = (args[0], args[1]);
Directory.CreateDirectory(Path.Combine(target, "images"));
var articles = Directory.EnumerateFiles(source, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
Parallel.ForEach(articles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (file, _, index) =>
{
    var relative = Path.GetRelativePath(source, file);
    var name = $"photo-{index:00000}.jpg";
    var text = File.ReadAllText(file);
    if (!relative.StartsWith("authors", StringComparison.Ordinal) && text.StartsWith("---\n", StringComparison.Ordinal))
    {
        // The hero: the corpus's own image: block (if any) gives way to the photograph.
        var body = Regex.Replace(text, @"\nimage:\n(  .*\n)+", "\n");
        text = body.Insert(4, $"image:\n  src: images/{name}\n  alt: A photograph for the bench\n  credit: Bench corpus\n");
        using var gradient = Image.Xyz(3000, 2000);
        using var shade = (gradient[0] * (255.0 / 3000)).Bandjoin(gradient[1] * (255.0 / 2000), gradient[0] * 0 + 128 + (index % 64));
        using var noise = Image.Gaussnoise(3000, 2000, mean: 0, sigma: 24);
        using var photo = (shade + noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        photo.Jpegsave(Path.Combine(target, "images", name), q: 90, keep: Enums.ForeignKeep.None);
    }

    var to = Path.Combine(target, relative);
    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
    File.WriteAllText(to, text);
});
