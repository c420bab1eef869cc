using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Search;

/// <summary>
/// This instance's <see cref="TextIndex"/> of the store's articles: read whole at the first search, then kept in step
/// by every content change (<see cref="ApplyAsync"/>, called by <see cref="SiteContent"/> before any page is evicted, so
/// a search page made again after a change sees it). A change names its articles by slug and its authors by theirs;
/// only their rows are read again. Each instance has its own (PostgreSQL serves several): it learns other instances'
/// imports through the same changes.
/// </summary>
public sealed partial class SearchIndex(IServiceScopeFactory scopes, ILogger<SearchIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TextIndex? _index;

    /// <summary>The index, read from the store first if this is the first search since it started or was rebuilt.</summary>
    public async Task<TextIndex> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _index) is { } index)
        {
            return index;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_index is null)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var built = await ReadAsync(db => new TextIndex(ArticleSearch.ReadDocuments(db, null, null)), cancellationToken);
                Volatile.Write(ref _index, built);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                LogBuilt(built.Count, elapsed);
            }

            return _index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads again the articles <paramref name="change"/> names; a change of everything drops the index until the next search.</summary>
    public async Task ApplyAsync(ContentChange change, CancellationToken cancellationToken)
    {
        if (change.IsEmpty)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_index is not { } index)
            {
                return;
            }

            var slugs = ContentKeys.Named(change, ContentKeys.ArticleBody(""));
            var authors = ContentKeys.Named(change, ContentKeys.Author(""));
            if (change.Everything || slugs.Count > Math.Max(1000, index.Count / 4))
            {
                // Reading everything again at the next search costs less than this many updates. The old index is not
                // disposed: a search may still be reading it.
                Volatile.Write(ref _index, null);
                return;
            }

            if (slugs.Count == 0 && authors.Count == 0)
            {
                return;
            }

            // An author's articles are read again by slug as well: when the author file went, they have no author now.
            slugs.UnionWith(index.Slugs(d => d.AuthorSlug is { } a && authors.Contains(a)));
            var documents = await ReadAsync(db => ArticleSearch.ReadDocuments(db, slugs, authors).ToList(), cancellationToken);
            index.Update(documents, d => slugs.Contains(d.Slug));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on a thread of its own with a context of its own (the store is read synchronously).</summary>
    private async Task<T> ReadAsync<T>(Func<NewsDbContext, T> read, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        return await Task.Run(() => read(db), cancellationToken);
    }

    public void Dispose()
    {
        _index?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index read: {Articles} articles in {Elapsed}")]
    private partial void LogBuilt(int articles, TimeSpan elapsed);
}
