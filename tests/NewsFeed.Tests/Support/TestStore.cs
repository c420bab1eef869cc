using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsFeed.Tests.Support;

/// <summary>
/// Which store the in-process tests run on. By default each test's store is a SQLite file under its temporary
/// folder. With <c>NEWSFEED_TEST_POSTGRES</c> set to a PostgreSQL server connection string (a user who may create
/// databases), every test app runs with <c>NewsFeed:Database:Provider=Postgres</c> on a database of its own,
/// named after that file's path (so a test that restarts its app finds the same store), created fresh for the
/// test and dropped with its seeds folder.
/// </summary>
public static class TestStore
{
    public const string Variable = "NEWSFEED_TEST_POSTGRES";

    private static readonly Lazy<bool> IcuLocales = new(IcuLocalesWork);

    /// <summary>The server, or null: the tests run on SQLite.</summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    /// <summary>Skips a test about a fault only a SQLite file can have (a lock held by another process, a full disk under it).</summary>
    public static void SkipOnPostgres(string what) =>
        Assert.SkipWhen(IsPostgres, $"SQLite only ({what}); this run uses PostgreSQL ({Variable} is set)");

    public static string ConnectionString(string databasePath) =>
        PostgresServer is { } server
            ? new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName(databasePath) }.ConnectionString
            : $"Data Source={databasePath}";

    /// <summary>A name PostgreSQL accepts (at most 63 bytes) and no other test's path gives.</summary>
    public static string DatabaseName(string databasePath) =>
        "newsfeed_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(databasePath))))[..32];

    /// <summary>
    /// Creates the PostgreSQL database of <paramref name="databasePath"/> unless it exists. Its locale sorts like a
    /// person would ("alpha" before "Zeta"), unlike SQLite, so tests show the app's own text order holds on it.
    /// </summary>
    public static void EnsureCreated(string databasePath)
    {
        if (!IsPostgres || Exists(databasePath))
        {
            return;
        }

        var name = DatabaseName(databasePath);
        var locale = IcuLocales.Value ? " LOCALE_PROVIDER icu ICU_LOCALE 'en-US' TEMPLATE template0" : "";
        try
        {
            Execute($"CREATE DATABASE \"{name}\"{locale}");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Two apps of one test started together: the other made it (a close race ends in the catalog's unique index).
        }
    }

    public static bool Exists(string databasePath) =>
        IsPostgres
            ? Scalar<bool>($"SELECT EXISTS (SELECT FROM pg_database WHERE datname = '{DatabaseName(databasePath)}')")
            : File.Exists(databasePath);

    /// <summary>Deletes the store: the file, or the database (its connections are closed first).</summary>
    public static void Delete(string databasePath)
    {
        if (!IsPostgres)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(databasePath);
            return;
        }

        using (var connection = new NpgsqlConnection(ConnectionString(databasePath)))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // A plain DROP ends an autovacuum worker on the database by itself; FORCE (which a user without
        // pg_signal_backend may not use on such a worker) only for a connection of ours still open.
        try
        {
            Execute($"DROP DATABASE IF EXISTS \"{DatabaseName(databasePath)}\"");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
        {
            Execute($"DROP DATABASE IF EXISTS \"{DatabaseName(databasePath)}\" WITH (FORCE)");
        }
    }

    /// <summary>Runs SQL on the store from outside the app, as another process would.</summary>
    public static async Task ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = Open(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<object?> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = Open(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<bool> TableExistsAsync(string databasePath, string table)
    {
        await using var connection = Open(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = IsPostgres
            ? $"SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '{table}'"
            : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static System.Data.Common.DbConnection Open(string databasePath)
    {
        System.Data.Common.DbConnection connection = IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(databasePath)) { Pooling = false }.ConnectionString)
            : new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    // ICU locales came with PostgreSQL 15, and a server may be built without ICU.
    private static bool IcuLocalesWork() =>
        Scalar<int>("SELECT current_setting('server_version_num')::int") >= 150000
        && Scalar<bool>("SELECT EXISTS (SELECT FROM pg_collation WHERE collprovider = 'i')");
}
