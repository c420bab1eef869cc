using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NewsFeed.Web.Search;

namespace NewsFeed.Web.Data;

/// <summary>
/// Everything that differs between the SQLite and the PostgreSQL store, apart from the search queries
/// (<see cref="ArticleSearch"/> hands PostgreSQL to <see cref="PostgresSearch"/>): the connection, how text sorts,
/// what is created beside the model's tables, how a stale store is cleared, and what follows an import.
/// </summary>
internal static class StoreProvider
{
    public static void Use(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string contentRoot)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            options.UseSqlite(ResolveDataSource(connectionString, contentRoot));
        }
    }

    /// <summary>
    /// SQLite compares and sorts text by code point (its BINARY collation); PostgreSQL by the database's locale,
    /// where "alpha" sorts before "Zeta". Collation "C" on every text column gives PostgreSQL SQLite's order (and
    /// its case-sensitive equality, which both have anyway), whatever locale the database was created with.
    /// </summary>
    public static void ConfigureModel(ModelBuilder modelBuilder, DatabaseFacade database)
    {
        if (!database.IsNpgsql())
        {
            return;
        }

        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation("C");
        }
    }

    /// <summary>What <see cref="CreateAfterModelAsync"/> runs that is not in the model's create script; part of the schema fingerprint.</summary>
    public static string ExtraSchemaSql(DatabaseFacade database) =>
        database.IsNpgsql() ? PostgresSearch.CreateIndexSql : ArticleSearch.CreateIndexSql;

    /// <summary>Runs once the model's tables exist (a new or rebuilt store).</summary>
    public static async Task CreateAfterModelAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            // WAL lets readers go on while an import writes (PostgreSQL readers never wait for writers).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(ExtraSchemaSql(db.Database), cancellationToken);
    }

    /// <summary>
    /// Empties a stale store so EnsureCreated makes it anew. SQLite: the file goes. PostgreSQL: the database
    /// stays (NewsFeed may lack the right to create one, and other instances may be connected), every table
    /// in its schema goes, but only when it is a NewsFeed store: tables of anything else are never dropped.
    /// </summary>
    public static async Task ClearAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.EnsureDeletedAsync(cancellationToken);
            return;
        }

        var ours = await db.Database.SqlQuery<bool>($"SELECT to_regclass('\"StoreInfo\"') IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);
        if (!ours)
        {
            throw new InvalidOperationException(
                "The PostgreSQL database in ConnectionStrings:NewsFeed holds tables that are not a NewsFeed store; " +
                "NewsFeed rebuilds its store at will, so give it a database (or a schema, via Search Path) of its own.");
        }

        await db.Database.ExecuteSqlRawAsync("""
            DO $$
            DECLARE t record;
            BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
                    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t.tablename);
                END LOOP;
            END $$;
            """, cancellationToken);
    }

    /// <summary>Fresh planner statistics after an import that changed rows (sampled on SQLite, so quick).</summary>
    public static async Task AfterImportAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        // Without them SQLite prefers a listing index range over 21 primary-key look-ups when a page reads its
        // cards by id (ArticleQueries.ToPageAsync); PostgreSQL's autovacuum would get there, but only later.
        // Only the store's tables: a bare ANALYZE would read every system catalog too.
        var sql = db.Database.IsNpgsql()
            ? "ANALYZE \"Articles\", \"ArticleTags\", \"Tags\", \"Sections\", \"Authors\", \"RelatedLinks\", \"ArticleSearch\";"
            : "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;";
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }

    /// <summary>A relative SQLite <c>Data Source</c> resolves against the content root, and its folder is created.</summary>
    internal static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var source = csb.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)
            || csb.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var full = Path.GetFullPath(source, contentRoot);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        csb.DataSource = full;
        return csb.ToString();
    }
}
