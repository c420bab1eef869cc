using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Preview;

/// <summary>
/// Preview's file watching. Collects the watcher's events per path, waits until a path has been quiet for the
/// debounce time, re-imports only those files (<see cref="SeedImport.ImportChangesAsync"/>), and tells open pages
/// about every change that did something. A file still being written (locked, or changing while it was read) is
/// read again once it settles.
/// </summary>
public sealed partial class PreviewWatchService(
    ISeedWatcher watcher,
    SeedImport import,
    SeedImportStatus status,
    PreviewChanges changes,
    IOptions<PreviewOptions> options,
    IOptions<SeedOptions> seeds,
    Caching.SiteContent content,
    TimeProvider time,
    ILogger<PreviewWatchService> logger) : IHostedLifecycleService, IDisposable
{
    // With the default debounce, a file that stays locked is read anyway (and its problem reported) after about 3 s.
    private const int MaxAttempts = 20;

    private readonly Channel<string?> _events = Channel.CreateUnbounded<string?>();
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _watch;
    private Task _processing = Task.CompletedTask;

    // Watching starts before any hosted service starts, so a file saved during the startup import is not missed.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var root = import.SeedsRoot;
        if ((options.Value is { Enabled: true, Watch: true } || seeds.Value.WatchSeeds) && Directory.Exists(root))
        {
            _watch = watcher.Watch(root, path => _events.Writer.TryWrite(path));
            LogWatching(root);
        }

        return Task.CompletedTask;
    }

    // Hosted services start in order, so the startup import (AddSeeding, before AddPreview) is done by now.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_watch is not null)
        {
            _processing = Task.Run(() => ProcessAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        _watch = null;
        await _stopping.CancelAsync();
        await _processing.WaitAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The host may dispose services before it stops them (WebApplicationFactory does): StopAsync must still work,
    // so the token source is cancelled here, not disposed (it has no timer or linked token to release).
    public void Dispose()
    {
        _watch?.Dispose();
        _watch = null;
        _stopping.Cancel();
    }

    private async Task ProcessAsync(CancellationToken cancellationToken)
    {
        var debounce = TimeSpan.FromMilliseconds(options.Value.DebounceMilliseconds);
        var pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
        long? rescanDue = null;
        try
        {
            while (true)
            {
                var next = pending.Count == 0 ? rescanDue : Math.Min(pending.Values.Min(p => p.Due), rescanDue ?? long.MaxValue);
                await WaitForEventsAsync(next, cancellationToken);

                var now = Environment.TickCount64;
                while (_events.Reader.TryRead(out var path))
                {
                    if (path is null)
                    {
                        rescanDue = now + (long)debounce.TotalMilliseconds;
                    }
                    else if (SeedFiles.KindOf(path) != SeedKind.None || SeedFiles.IsPicture(path))
                    {
                        // Editor junk and hidden files never get here: KindOf says they are not content. A picture is
                        // read again by the import, with every article that shows it.
                        pending[path] = new Pending(now + (long)debounce.TotalMilliseconds, pending.GetValueOrDefault(path)?.Attempts ?? 0);
                    }
                }

                if (rescanDue <= now)
                {
                    rescanDue = null;
                    pending.Clear();
                    await ApplyAsync(null, cancellationToken);
                    continue;
                }

                var due = pending.Where(p => p.Value.Due <= now).ToList();
                if (due.Count == 0)
                {
                    continue;
                }

                foreach (var (path, _) in due)
                {
                    pending.Remove(path);
                }

                var ready = new List<string>();
                foreach (var (path, state) in due)
                {
                    if (state.Attempts < MaxAttempts && !CanRead(Full(path)))
                    {
                        pending[path] = new Pending(now + (long)debounce.TotalMilliseconds, state.Attempts + 1);
                    }
                    else
                    {
                        ready.Add(path);
                    }
                }

                if (ready.Count == 0)
                {
                    continue;
                }

                var before = ready.ToDictionary(p => p, p => Stamp(Full(p)), StringComparer.Ordinal);
                await ApplyAsync(ready, cancellationToken);

                // Written to while it was read: read it again once it is quiet.
                foreach (var (path, state) in due.Where(d => before.TryGetValue(d.Key, out var stamp) && Stamp(Full(d.Key)) != stamp))
                {
                    if (state.Attempts < MaxAttempts)
                    {
                        pending[path] = new Pending(Environment.TickCount64 + (long)debounce.TotalMilliseconds, state.Attempts + 1);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task WaitForEventsAsync(long? until, CancellationToken cancellationToken)
    {
        if (until is null)
        {
            await _events.Reader.WaitToReadAsync(cancellationToken);
            return;
        }

        var wait = until.Value - Environment.TickCount64;
        if (wait <= 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(wait));
        try
        {
            await _events.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The earliest pending path is due.
        }
    }

    /// <summary>Imports the changed paths (null: the whole folder) and tells open pages when that changed anything.</summary>
    private async Task ApplyAsync(List<string>? paths, CancellationToken cancellationToken)
    {
        var previous = status.Last;
        var changeBefore = content.LastChange;
        try
        {
            var report = paths is null
                ? await import.RunAsync(cancellationToken)
                : await import.ImportChangesAsync(paths, cancellationToken);
            if (content.LastChange is { } change && !ReferenceEquals(change, changeBefore))
            {
                changes.LastSave = change;
            }

            if (Changed(previous, report))
            {
                changes.Publish(paths ?? []);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed import (the folder vanished, the store is locked) must not end watching: the next save retries.
            // The editor hears of it where they look, on the problems bar of the open page, not only in the log.
            var what = paths is null ? "the seeds folder" : string.Join(", ", paths);
            LogImportFailed(e, what);
            status.SetFailed(paths, e, time.GetUtcNow().UtcDateTime);
            changes.Publish(paths ?? []);
        }
    }

    /// <summary>Whether pages would show anything different: content written or deleted, or other problems.</summary>
    private static bool Changed(ImportReport? previous, ImportReport report) =>
        previous is null || report.Imported > 0 || report.Deleted > 0 || Signature(previous) != Signature(report);

    private static string Signature(ImportReport report) => string.Join('\n', report.Files.Select(f =>
        $"{f.Path}|{f.State == SeedFileState.Skipped}|{f.ArticleSlug}|{string.Join('|', f.Problems)}"));

    private string Full(string path) => Path.Combine(import.SeedsRoot, path);

    /// <summary>False while another program holds the file for writing (a lock, or a share mode that refuses readers).</summary>
    private static bool CanRead(string full)
    {
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            return true;
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Not a matter of waiting (or a folder): the reader reports it.
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static (long Length, DateTime LastWriteUtc) Stamp(string full)
    {
        var info = new FileInfo(full);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : default;
    }

    private sealed record Pending(long Due, int Attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Preview: watching {SeedsRoot} for changes")]
    private partial void LogWatching(string seedsRoot);

    [LoggerMessage(Level = LogLevel.Error, Message = "Preview: importing {SeedPaths} failed; the next change tries again")]
    private partial void LogImportFailed(Exception exception, string seedPaths);
}
