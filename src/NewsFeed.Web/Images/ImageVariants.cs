using System.Collections.Concurrent;
using System.Threading.Channels;
using NetVips;

namespace NewsFeed.Web.Images;

/// <summary>
/// Makes the variants of every picture (<see cref="ImageFacts.VariantWidths"/> × AVIF, WebP and the fallback) in the
/// background after each import, one at a time so the other core keeps serving, and at once when a reader asks for
/// one not made yet. Each is made once: by content key, so an unchanged picture is never encoded again, not even
/// after a restart.
/// </summary>
public sealed partial class ImageVariants(ImageCatalog catalog, ImageCache cache, ILogger<ImageVariants> logger) : BackgroundService
{
    private readonly SemaphoreSlim _encoders = new(Math.Max(1, Environment.ProcessorCount / 2));
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _making = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for every missing variant to be made (after an import read the pictures again).</summary>
    public void MakeMissing() => _wake.Writer.TryWrite(true);

    /// <summary>The file of one variant, made now if it is not yet; null when the picture or the variant does not exist.</summary>
    public async Task<string?> GetAsync(string key, int width, string format, CancellationToken cancellationToken)
    {
        if (catalog.ByKey(key) is not var (source, facts) || !facts.VariantWidths.Contains(width)
            || !(format == facts.Fallback || ImageUrls.Modern.Contains(format)))
        {
            return null;
        }

        var path = cache.PathOf(key, width, format);
        return File.Exists(path) || await MakeAsync(source, width, format, path).WaitAsync(cancellationToken) ? path : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
        {
            var made = 0;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var (_, source, facts) in catalog.All.Where(p => p.Facts.IsUsable).DistinctBy(p => p.Facts.Key).ToList())
            {
                var missing = (
                    from width in facts.VariantWidths
                    from format in new[] { facts.Fallback, "webp", "avif" }
                    let path = cache.PathOf(facts.Key, width, format)
                    where !File.Exists(path)
                    select (width, facts.HeightAt(width), format, path)).ToList();
                if (missing.Count > 0)
                {
                    // On a thread of its own: an encode holds its thread for up to seconds in native code, and on a
                    // thread-pool thread it starved the requests and the import of a start after a cold import (the
                    // first page of such a restart took 4.5 s, against 0.4 s with the encodes off the pool).
                    made += await Task.Factory.StartNew(() => MakeSet(source, missing, stoppingToken),
                        stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }

            if (made > 0)
            {
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                LogMade(made, elapsed);
            }
        }
    }

    /// <summary>
    /// Makes one picture's missing variants from a single decode, smallest width first (cards and phones need them,
    /// and they are quick). The encoder slot is taken a width at a time, so a reader's request for a variant not
    /// made yet waits for one width's encodes at most, not the picture's.
    /// </summary>
    private int MakeSet(string source, List<(int Width, int Height, string Format, string Path)> missing, CancellationToken cancellationToken)
    {
        var made = 0;
        try
        {
            using var image = ImageProcessor.Open(source, missing.Max(v => v.Width));
            foreach (var width in missing.GroupBy(v => v.Width).OrderBy(g => g.Key))
            {
                _encoders.Wait(cancellationToken);
                try
                {
                    foreach (var (_, height, format, path) in width.Where(v => !File.Exists(v.Path)))
                    {
                        ImageProcessor.Save(image, width.Key, height, format, path);
                        made++;
                    }
                }
                finally
                {
                    _encoders.Release();
                }
            }
        }
        catch (Exception e) when (e is VipsException or IOException or UnauthorizedAccessException)
        {
            // The file changed or broke since it was read; the next import reads it again and says so.
            LogFailed(source, missing[0].Width, missing[0].Format, e.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is made is kept; the rest is made after the next start.
        }

        return made;
    }

    private Task<bool> MakeAsync(string source, int width, string format, string path) =>
        _making.GetOrAdd(path, _ => new Lazy<Task<bool>>(() => Task.Run(async () =>
        {
            await _encoders.WaitAsync();
            try
            {
                if (!File.Exists(path))
                {
                    // On a thread of its own: an encode holds its thread for up to seconds in native code, and on a
                    // thread-pool thread it starved the requests and the import of a start after a cold import (the
                    // first page of such a restart took 4.5 s, against 0.4 s with the encodes off the pool).
                    await Task.Factory.StartNew(() => ImageProcessor.Encode(source, width, format, path),
                        CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }

                return true;
            }
            catch (Exception e) when (e is VipsException or IOException or UnauthorizedAccessException)
            {
                // The file changed or broke since it was read; the next import reads it again and says so.
                LogFailed(source, width, format, e.Message);
                return false;
            }
            finally
            {
                _encoders.Release();
                _making.TryRemove(path, out var _);
            }
        }))).Value;

    public override void Dispose()
    {
        _encoders.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pictures: {Made} variants made in {Elapsed}")]
    private partial void LogMade(int made, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Picture {Source} could not be made {Width} wide as {Format}: {Error}")]
    private partial void LogFailed(string source, int width, string format, string error);
}
