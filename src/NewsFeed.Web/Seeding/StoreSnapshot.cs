using NewsFeed.Web.Data;

namespace NewsFeed.Web.Seeding;

/// <summary>An article row as the import matches it to its file.</summary>
public sealed record StoredArticle(int Id, string SourcePath, string Slug, string ContentHash, int? AuthorId);

/// <summary>
/// What the store held when an import of this process committed: every article's file facts (by source path) and every
/// view's keys (by article id, <see cref="ArticleViews"/>). A change import in preview reads these instead of two columns of
/// every row (at 10,000 articles, about 70 ms of a save's 200).
/// </summary>
/// <param name="Stamp">The store's import stamp written with that commit: every import that writes anything writes a new one.</param>
/// <param name="Articles">Every article row, by source path.</param>
/// <param name="ViewKeys">Every view's keys, by article id.</param>
public sealed record StoreSnapshot(string Stamp, IReadOnlyDictionary<string, StoredArticle> Articles, IReadOnlyDictionary<int, string> ViewKeys);

/// <summary>
/// The snapshot of the last import this process committed, kept between imports (<see cref="SeedImport"/> holds one).
/// </summary>
/// <remarks>
/// It is good only while the store's stamp is still the one it was committed with (<see cref="At"/>): an import by another
/// instance on the same store, or by any writer that does not keep a snapshot, writes a new stamp, and the next import reads
/// the store again. A rolled-back import leaves both the store and the snapshot as they were.
/// </remarks>
public sealed class StoreSnapshots
{
    /// <summary>The <see cref="Model.StoreInfo"/> key of the stamp.</summary>
    internal const string StampKey = "import";

    private StoreSnapshot? _last;

    /// <summary>The last snapshot, if the store's stamp is still <paramref name="stamp"/>.</summary>
    public StoreSnapshot? At(string? stamp) => Volatile.Read(ref _last) is { } last && last.Stamp == stamp ? last : null;

    /// <summary>The last snapshot kept, good or not.</summary>
    internal StoreSnapshot? Last => Volatile.Read(ref _last);

    public void Keep(StoreSnapshot snapshot) => Volatile.Write(ref _last, snapshot);
}
