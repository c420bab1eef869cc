using NewsFeed.Web.Preview;

namespace NewsFeed.Tests.Support;

/// <summary>A seed watcher the test drives: it reports exactly the changes the test names, when it names them.</summary>
public sealed class DrivenWatcher : ISeedWatcher
{
    private Action<string?>? _changed;

    public bool IsWatching => _changed is not null;

    public IDisposable Watch(string root, Action<string?> changed)
    {
        _changed = changed;
        return new Stop(this);
    }

    /// <summary>Reports a change of <paramref name="path"/> (relative to the seeds folder); null: events were lost.</summary>
    public void Report(string? path) =>
        (_changed ?? throw new InvalidOperationException("The app is not watching (is preview on, with Watch=true?)"))(path);

    private sealed class Stop(DrivenWatcher owner) : IDisposable
    {
        public void Dispose() => owner._changed = null;
    }
}
