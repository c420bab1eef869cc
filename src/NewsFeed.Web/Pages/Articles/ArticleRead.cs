using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages.Articles;

/// <summary>
/// An article page's one read: the row, its body and its view (<see cref="DetailsModel.StoredPage"/>). On PostgreSQL a
/// compiled EF query. On SQLite one statement kept prepared, on connections of its own: Microsoft.Data.Sqlite prepares
/// a command's SQL anew for every new command (dotnet/efcore#14044) and EF makes one per query, so every uncached
/// article page parsed and planned the same statement, opened and closed a pooled connection and ran EF's query
/// pipeline; perf put those at about a fifth of the page's CPU (bench/README.md, "Profile"). Both read the same columns.
/// </summary>
public sealed class ArticleRead : IDisposable
{
    // Connections kept while idle: the read is synchronous, so a few more than the cores ever run it at once.
    private static readonly int MaxIdle = Environment.ProcessorCount * 4;

    private const string Sql = """
        SELECT a."Slug", a."Headline", a."PublishedUtc", a."IsDraft", a."Html",
               v."Json", v."Keys", v."Head", v."Top", v."Figure", v."End"
        FROM "Articles" AS a LEFT JOIN "ArticleViews" AS v ON a."Id" = v."ArticleId"
        WHERE a."Slug" = $slug
        LIMIT 1
        """;

    internal static readonly Func<NewsDbContext, string, CancellationToken, Task<DetailsModel.StoredPage?>> Compiled = EF.CompileAsyncQuery(
        (NewsDbContext db, string slug, CancellationToken _) => db.Articles
            .Where(a => a.Slug == slug)
            // The view's columns as they are (null without a view, which the import never leaves): a CASE each made the
            // statement three times as long.
            .Select(a => new DetailsModel.StoredPage(
                a.Slug, a.Headline, a.PublishedUtc, a.IsDraft, a.Html, a.ViewRecord!.Json, a.ViewRecord.Keys,
                a.ViewRecord.Head, a.ViewRecord.Top, a.ViewRecord.Figure, a.ViewRecord.End))
            .FirstOrDefault());

    private readonly ConcurrentBag<SqliteCommand> _idle = [];
    private string? _connectionString;
    private bool _disposed;

    public async Task<DetailsModel.StoredPage?> BySlugAsync(NewsDbContext db, string slug, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await Compiled(db, slug, cancellationToken);
        }

        var command = Rent(db);
        try
        {
            command.Parameters[0].Value = slug;
            using var reader = command.ExecuteReader();
            var page = reader.Read() ? Read(reader) : null;
            reader.Close();
            Return(command);
            return page;
        }
        catch
        {
            // A statement that failed may have a reason to (the file gone, a lock): the next read starts afresh.
            Dispose(command);
            throw;
        }
    }

    private static DetailsModel.StoredPage Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc), r.GetBoolean(3), r.GetString(4),
        Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private SqliteCommand Rent(NewsDbContext db)
    {
        if (_idle.TryTake(out var command))
        {
            return command;
        }

        // The store's own connection string (its file resolved against the content root); a connection of our own,
        // outside the pool, as it stays open.
        _connectionString ??= new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            command = connection.CreateCommand();
            command.CommandText = Sql;
            command.Parameters.Add("$slug", SqliteType.Text);
            command.Prepare();
            return command;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Return(SqliteCommand command)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            Dispose(command);
            return;
        }

        _idle.Add(command);
    }

    private static void Dispose(SqliteCommand command)
    {
        var connection = command.Connection;
        command.Dispose();
        connection?.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var command))
        {
            Dispose(command);
        }
    }
}
