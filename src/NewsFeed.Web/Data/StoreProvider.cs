using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NewsFeed.Web.Search;
using Npgsql;

namespace NewsFeed.Web.Data;

/// <summary>
/// Everything that differs between the SQLite and the PostgreSQL store, apart from the search queries
/// (<see cref="ArticleSearch"/> hands PostgreSQL to <see cref="PostgresSearch"/>): the connection, how text sorts,
/// what is created beside the model's tables, how a stale store is cleared, what follows an import, and how
/// instances sharing one PostgreSQL store take turns.
/// </summary>
internal static class StoreProvider
{
    // The advisory lock of a NewsFeed store: "NewsFeed" in ASCII. Locks are per database, so stores in other
    // databases of the same server never wait for each other.
    private const long StoreLockKey = 0x4E65777346656564;

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

        // Stored as text: strings, and values converted to text (a correction's kind).
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
            .Where(p => (p.GetProviderClrType() ?? p.GetValueConverter()?.ProviderClrType ?? p.ClrType) == typeof(string)))
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

    /// <summary>
    /// Holds off other instances on the same PostgreSQL store while this one creates, checks or rebuilds it: two
    /// EnsureCreated (or a rebuild beside an import) at once would collide. The lock lives in the database, so a
    /// missing database is created first, the one step where a race is simply lost to the other instance.
    /// On SQLite, processes on one file take the same turns through a lock file beside it (<see cref="LockFileAsync"/>).
    /// </summary>
    public static async Task<IAsyncDisposable?> LockStoreAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return await LockFileAsync(db, cancellationToken);
        }

        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance created it a moment earlier.
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StoreLockKey})", cancellationToken);
        return new StoreLock(db);
    }

    /// <summary>
    /// Imports of instances sharing a store take turns. PostgreSQL: the lock is the import transaction's, released at
    /// its end (null is returned). SQLite: the lock file, released when the result is disposed.
    /// </summary>
    public static async Task<IAsyncDisposable?> LockImportAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return await LockFileAsync(db, cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StoreLockKey})", cancellationToken);
        return null;
    }

    /// <summary>
    /// SQLite's turn-taking between processes (or hosts) on one file: <c>{file}.lock</c> beside it, opened exclusively
    /// (the runtime locks it with flock on Unix), so it is let go when its holder ends, however it ends. A store
    /// in memory, or in a folder where no lock file can be made, is one process's anyway.
    /// </summary>
    private static async Task<IAsyncDisposable?> LockFileAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var csb = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (!IsFile(csb))
        {
            return null;
        }

        var source = csb.DataSource;

        // Held by someone else: EWOULDBLOCK from flock on Unix, ERROR_SHARING_VIOLATION on Windows.
        static bool IsHeld(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(source + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (IsHeld(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    private sealed class StoreLock(NewsDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StoreLockKey})");
            }
            catch (DbException)
            {
                // The connection broke: the server let go of its locks with it.
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Fresh planner statistics after an import that changed rows (sampled on SQLite, so quick).</summary>
    public static async Task AfterImportAsync(NewsDbContext db, int rowsWritten, CancellationToken cancellationToken)
    {
        // Without them SQLite prefers a listing index range over primary-key look-ups when rows are read by id (a
        // search page's texts, a feed's items); PostgreSQL's autovacuum would get there, but only later.
        // Only the store's tables: a bare ANALYZE would read every system catalog too.
        var sql = db.Database.IsNpgsql()
            ? "ANALYZE \"Articles\", \"ArticleTags\", \"Tags\", \"Sections\", \"Authors\", \"RelatedLinks\", \"ArticleSearch\";"
            : "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;";
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        if (!db.Database.IsNpgsql() && rowsWritten >= TruncateAfterRows)
        {
            // An import is one transaction, so a cold import of 10,000 articles leaves a WAL of some 200 MB that SQLite's
            // own checkpoint copies back but never shortens. Readers kept looking pages up in it: an uncached page was
            // about four times slower (bench/README.md, "Profile") until it was truncated.
            // A saved file's import writes a few dozen pages, which SQLite's own checkpoint takes in its stride; truncating
            // after each cost 52 ms of the 10,000-article preview's re-import.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }

    /// <summary>The articles and views an import writes before it truncates SQLite's WAL (<see cref="AfterImportAsync"/>).</summary>
    private const int TruncateAfterRows = 200;

    /// <summary>A relative SQLite <c>Data Source</c> resolves against the content root, and its folder is created.</summary>
    internal static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (!IsFile(csb))
        {
            return connectionString;
        }

        var full = Path.GetFullPath(csb.DataSource, contentRoot);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        csb.DataSource = full;
        return csb.ToString();
    }

    /// <summary>The full path of the SQLite file a connection string names, or null when it names no plain file.</summary>
    internal static string? SqliteFile(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        return IsFile(csb) ? Path.GetFullPath(csb.DataSource, contentRoot) : null;
    }

    /// <summary>A plain file path: not in memory, not a <c>file:</c> URI (left to SQLite as written).</summary>
    private static bool IsFile(SqliteConnectionStringBuilder csb) =>
        !string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:"
        && !csb.DataSource.StartsWith("file:", StringComparison.Ordinal) && csb.Mode != SqliteOpenMode.Memory;
}
