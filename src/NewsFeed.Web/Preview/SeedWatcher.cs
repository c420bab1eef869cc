namespace NewsFeed.Web.Preview;

/// <summary>
/// The seam between preview and the file system: tests can report changes themselves instead of waiting on a real
/// watcher, and another platform's watcher (or polling) can stand in.
/// </summary>
public interface ISeedWatcher
{
    /// <summary>
    /// Calls <paramref name="changed"/> with the path (relative to <paramref name="root"/>, forward slashes) of every
    /// file or folder created, changed, deleted or renamed (both names) under it, and with null when events were
    /// lost and the whole folder must be read again. Callbacks come on any thread. Dispose to stop.
    /// </summary>
    IDisposable Watch(string root, Action<string?> changed);
}

/// <summary>Watches a seeds folder with <see cref="FileSystemWatcher"/>, recursively.</summary>
public sealed class FileSystemSeedWatcher : ISeedWatcher
{
    public IDisposable Watch(string root, Action<string?> changed)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            // The largest buffer Windows allows: a git checkout of many files should not overflow it.
            InternalBufferSize = 64 * 1024,
        };

        watcher.Created += (_, e) => changed(Relative(root, e.FullPath));
        watcher.Changed += (_, e) => changed(Relative(root, e.FullPath));
        watcher.Deleted += (_, e) => changed(Relative(root, e.FullPath));
        watcher.Renamed += (_, e) =>
        {
            // An atomic save renames a temporary file over the real one: the old name is junk, the new one matters.
            changed(Relative(root, e.OldFullPath));
            changed(Relative(root, e.FullPath));
        };
        watcher.Error += (_, _) => changed(null);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private static string Relative(string root, string fullPath) => Path.GetRelativePath(root, fullPath).Replace('\\', '/');
}
