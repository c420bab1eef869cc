using System.Threading.Channels;

namespace NewsFeed.Web.Preview;

/// <summary>One applied change to the content: its version, and the seed files it came from.</summary>
public sealed record PreviewChange(string Version, IReadOnlyList<string> Paths);

/// <summary>
/// Tells every open preview page that the content changed. The server-sent events endpoint subscribes here; the
/// watcher publishes after each import that changed something.
/// </summary>
public sealed class PreviewChanges
{
    // Part of the version, so a page rendered by an earlier run of the server never looks current.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];
    private readonly Lock _lock = new();
    private readonly HashSet<Channel<PreviewChange>> _subscribers = [];
    private long _count;

    /// <summary>What the last save that changed something touched (the startup import is not a save), for the impact line.</summary>
    public Caching.ContentChange? LastSave { get; set; }

    /// <summary>The content's version now; a page embeds it, and reloads when the events endpoint reports another.</summary>
    public string Version => $"{_instance}-{Interlocked.Read(ref _count)}";

    public PreviewChange Publish(IReadOnlyList<string> paths)
    {
        lock (_lock)
        {
            var change = new PreviewChange($"{_instance}-{Interlocked.Increment(ref _count)}", paths);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }

            return change;
        }
    }

    public Subscription Subscribe()
    {
        // A page that cannot keep up only needs the latest change: it reloads on any of them.
        var channel = Channel.CreateBounded<PreviewChange>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    public sealed class Subscription(PreviewChanges owner, Channel<PreviewChange> channel) : IDisposable
    {
        public ChannelReader<PreviewChange> Changes => channel.Reader;

        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        }
    }
}
