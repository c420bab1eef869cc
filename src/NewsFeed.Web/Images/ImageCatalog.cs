using System.Collections.Concurrent;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Images;

/// <summary>
/// Every picture under <c>seeds/images/</c> by its <c>/media/</c> URL, with its <see cref="ImageFacts"/>. Read again
/// at each import (<see cref="Refresh"/>): a file whose size and time are unchanged keeps its facts, so a restart
/// reads no picture; the list is kept in the cache folder for that. Pages look a picture up here when they show it.
/// </summary>
public sealed partial class ImageCatalog(ImageCache cache, ILogger<ImageCatalog> logger)
{
    private readonly Lock _refresh = new();
    private volatile Dictionary<string, Entry> _byUrl = new(StringComparer.Ordinal);
    private volatile Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private bool _loaded;

    /// <summary>The facts of the picture at <paramref name="mediaUrl"/> (<c>/media/…</c>, as the seeds write it), or null when there is no such file.</summary>
    public ImageFacts? Find(string? mediaUrl) =>
        mediaUrl is not null && _byUrl.TryGetValue(mediaUrl.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(mediaUrl) : mediaUrl, out var entry)
            ? entry.Facts
            : null;

    /// <summary>The source file and facts of the picture with this content key, or null.</summary>
    public (string Source, ImageFacts Facts)? ByKey(string key) =>
        _byKey.TryGetValue(key, out var entry) && entry.Facts.IsUsable ? (entry.Source, entry.Facts) : null;

    /// <summary>The <c>/media/</c> address of every picture, usable or not.</summary>
    public IEnumerable<string> Urls => _byUrl.Keys;

    /// <summary>Every picture, with its URL and file, for the encoder.</summary>
    public IReadOnlyCollection<(string Url, string Source, ImageFacts Facts)> All =>
        [.. _byUrl.Select(e => (e.Key, e.Value.Source, e.Value.Facts))];

    /// <summary>
    /// Reads the pictures of <paramref name="seedsRoot"/> again; returns the <c>/media/</c> URLs that came, went or
    /// changed since the last time, so the import can tell the pages that show them.
    /// </summary>
    public IReadOnlySet<string> Refresh(string seedsRoot)
    {
        lock (_refresh)
        {
            var known = _byUrl;
            if (!_loaded)
            {
                known = cache.ReadCatalog();
                _loaded = true;
            }

            var images = Path.Combine(seedsRoot, "images");
            var files = Directory.Exists(images)
                ? Directory.EnumerateFiles(images, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(ImageProcessor.IsImageName).ToList()
                : [];
            var next = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
            {
                var url = UrlPolicy.MediaPrefix + Path.GetRelativePath(images, file).Replace(Path.DirectorySeparatorChar, '/');
                var info = new FileInfo(file);
                if (known.TryGetValue(url, out var old) && old.Length == info.Length && old.WrittenUtc == info.LastWriteTimeUtc.Ticks && old.Source == file)
                {
                    next[url] = old;
                    return;
                }

                var facts = ImageProcessor.Probe(file, f => cache.PathOf(f.Key, f.VariantWidths[0], f.Fallback));

                next[url] = new Entry(file, info.Length, info.LastWriteTimeUtc.Ticks, facts);
            });

            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (url, entry) in next)
            {
                if (!known.TryGetValue(url, out var old) || old.Facts != entry.Facts)
                {
                    changed.Add(url);
                }
            }

            changed.UnionWith(known.Keys.Where(url => !next.ContainsKey(url)));
            var byUrl = new Dictionary<string, Entry>(next, StringComparer.Ordinal);
            _byKey = byUrl.Values.Where(e => e.Facts.Key.Length > 0).GroupBy(e => e.Facts.Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            _byUrl = byUrl;
            if (changed.Count > 0 || known.Count != byUrl.Count)
            {
                cache.WriteCatalog(byUrl);
                LogRefreshed(byUrl.Count, changed.Count);
            }

            return changed;
        }
    }

    /// <summary>A picture as last read: where it is, its size and time (to tell it changed), and what was learnt of it.</summary>
    public sealed record Entry(string Source, long Length, long WrittenUtc, ImageFacts Facts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pictures: {Count} in the seeds folder, {Changed} new or changed")]
    private partial void LogRefreshed(int count, int changed);
}
