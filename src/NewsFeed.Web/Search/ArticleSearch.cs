using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Search;

/// <summary>A search hit: the teaser, plus the headline and a passage with the matched words marked.</summary>
public sealed record SearchHit(ArticleCard Card, string HeadlineHtml, string SnippetHtml);

/// <summary>
/// One page of results. <see cref="Total"/> is exact up to <see cref="ArticleSearch.MaxCounted"/>; past that,
/// counting stops, Total is MaxCounted and <see cref="MoreThanTotal"/> is set ("more than 1,000 results").
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, int Number, bool HasMore, int Total, bool MoreThanTotal);

/// <summary>
/// Full-text search over public articles with SQLite FTS5: headline, dek, body, author and tags, ranked by
/// bm25 with the headline weighted most. This is the one provider-aware class: the index table, its upkeep
/// at import and the query all live here, and a PostgreSQL store is handed to <see cref="PostgresSearch"/>.
/// </summary>
public static partial class ArticleSearch
{
    public const int PageSize = ArticleQueries.PageSize;
    public const int MaxQueryLength = 500;
    private const int MaxTerms = 16;

    /// <summary>Matches are counted up to here: counting every match of a common word costs more than the page.</summary>
    public const int MaxCounted = 1000;

    // Marks chosen from the C0 range: the index holds only text without control characters, so these cannot
    // occur in it, and the snippet can be HTML-encoded before they become <mark> tags.
    internal const string MarkStart = "\u0001";
    internal const string MarkEnd = "\u0002";

    /// <summary>Created after the model's tables; part of the schema fingerprint, so a change rebuilds the store.</summary>
    /// <remarks>
    /// The prefix indexes (first 1, 2 and 3 letters of every word) are for the last word's prefix match: without
    /// them "a*" or "th*" merges the lists of thousands of words on every query, 20 to 60 ms at 10,000 articles.
    /// They cost index size (about 2.5 times) and import time (about 2 s at 10,000 articles).
    /// </remarks>
    public const string CreateIndexSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS ArticleSearch USING fts5(headline, dek, body, author, tags, " +
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');";

    /// <summary>Writes (or rewrites) the index rows of the given articles, in the import's transaction.</summary>
    public static async Task IndexAsync(NewsDbContext db, IEnumerable<(int Id, string Headline, string? Dek, string Body, string? Author, IEnumerable<string> Tags)> articles, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await PostgresSearch.IndexAsync(db, articles, cancellationToken);
            return;
        }

        // Two commands prepared once and re-bound per article: a first import writes 10,000 rows, and building
        // a new command (and parsing its SQL) for each was most of the index's cost.
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM ArticleSearch WHERE rowid = $id";
        var deleteId = AddParameter(delete, "$id");
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO ArticleSearch(rowid, headline, dek, body, author, tags) VALUES ($id, $headline, $dek, $body, $author, $tags)";
        var (id, headline, dek, body, author, tags) = (AddParameter(insert, "$id"), AddParameter(insert, "$headline"),
            AddParameter(insert, "$dek"), AddParameter(insert, "$body"), AddParameter(insert, "$author"), AddParameter(insert, "$tags"));

        foreach (var a in articles)
        {
            deleteId.Value = a.Id;
            await delete.ExecuteNonQueryAsync(cancellationToken);
            (id.Value, headline.Value, dek.Value, body.Value, author.Value, tags.Value) =
                (a.Id, Clean(a.Headline), Clean(a.Dek ?? ""), Clean(a.Body), Clean(a.Author ?? ""), Clean(string.Join(' ', a.Tags)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// Drops index rows of deleted articles, and when <paramref name="authorsChanged"/> refreshes author names
    /// (that rewrites a column of every row, too much for each saved article in preview).
    /// </summary>
    public static async Task RefreshAsync(NewsDbContext db, bool authorsChanged, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await PostgresSearch.RefreshAsync(db, authorsChanged, cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("DELETE FROM ArticleSearch WHERE rowid NOT IN (SELECT Id FROM Articles)", cancellationToken);
        if (!authorsChanged)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            "UPDATE ArticleSearch SET author = coalesce((SELECT au.Name FROM Articles ar JOIN Authors au ON au.Id = ar.AuthorId WHERE ar.Id = ArticleSearch.rowid), '') " +
            "WHERE author IS NOT coalesce((SELECT au.Name FROM Articles ar JOIN Authors au ON au.Id = ar.AuthorId WHERE ar.Id = ArticleSearch.rowid), '')",
            cancellationToken);
    }

    /// <summary>
    /// Turns anything a reader types into a safe FTS5 query: each word becomes a quoted term (so AND, OR, NEAR,
    /// *, -, ^ and parentheses are just text), "quoted phrases" stay phrases, and the last word matches as a
    /// prefix. Returns null when nothing searchable is left.
    /// </summary>
    public static string? ToMatchExpression(string? query)
    {
        if (ToTerms(query) is not { } terms)
        {
            return null;
        }

        var parts = terms.Words.Select(words => '"' + string.Join(' ', words) + '"').ToList();
        if (terms.LastIsPrefix)
        {
            parts[^1] += "*";
        }

        return string.Join(' ', parts);
    }

    /// <summary>
    /// What <see cref="ToMatchExpression"/> makes of a query, before FTS5 syntax: the words of each term (one word,
    /// or a quoted phrase's words), and whether the last term matches as a prefix. Null: nothing searchable.
    /// </summary>
    internal static (List<List<string>> Words, bool LastIsPrefix)? ToTerms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var text = query.Length > MaxQueryLength ? query[..MaxQueryLength] : query;
        var parts = new List<List<string>>();
        foreach (Match match in Phrase().Matches(text))
        {
            var words = Word().Matches(match.Value).Select(w => w.Value).ToList();
            if (words.Count > 0)
            {
                parts.Add(words);
            }

            if (parts.Count == MaxTerms)
            {
                break;
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        // Prefix matching for the last word, unless it closed a quoted phrase.
        return (parts, !text.TrimEnd().EndsWith('"'));
    }

    public static async Task<SearchPage> SearchAsync(NewsDbContext db, string query, int number, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await PostgresSearch.SearchAsync(db, query, number, nowUtc, cancellationToken);
        }

        var match = ToMatchExpression(query);
        if (match is null)
        {
            return new SearchPage([], number, false, 0, false);
        }

        // Four small statements, each doing only what its part of the page needs: the page's ids in rank order
        // (bm25 over every match is the one cost that grows with the matches), a count that stops counting at
        // MaxCounted, and highlights and snippets (which re-read the article's text) for the page's rows only.
        // CROSS JOIN keeps SQLite from ever putting Articles first and asking FTS5 the query once per article;
        // the visibility test reads the (Id, IsDraft, PublishedUtc) index, not the article rows. The three FTS5
        // statements are plain commands on EF's connection: for a few small rows, EF's query pipeline (cache
        // look-up, parameters, materializer) cost about as much as SQLite did.
        var offset = (number - 1) * PageSize;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var ids = await ReadAsync(db, """
                SELECT a.Id FROM ArticleSearch CROSS JOIN Articles a ON a.Id = ArticleSearch.rowid
                WHERE ArticleSearch MATCH $match AND a.IsDraft = 0 AND a.PublishedUtc <= $now
                ORDER BY bm25(ArticleSearch, 10.0, 4.0, 1.0, 2.0, 3.0), a.PublishedUtc DESC
                LIMIT $limit OFFSET $offset
                """, r => r.GetInt32(0), cancellationToken,
                ("$match", match), ("$now", nowUtc), ("$limit", PageSize + 1), ("$offset", offset));
            var hasMore = ids.Count > PageSize;
            var page = ids.Take(PageSize).ToList();

            // The last page knows the total; any other page counts, up to one past the cap.
            var total = !hasMore && (page.Count > 0 || offset == 0)
                ? offset + page.Count
                : (await ReadAsync(db, """
                    SELECT count(*) FROM (
                        SELECT 1 FROM ArticleSearch CROSS JOIN Articles a ON a.Id = ArticleSearch.rowid
                        WHERE ArticleSearch MATCH $match AND a.IsDraft = 0 AND a.PublishedUtc <= $now
                        LIMIT $limit)
                    """, r => r.GetInt32(0), cancellationToken,
                    ("$match", match), ("$now", nowUtc), ("$limit", MaxCounted + 1))).Single();
            if (page.Count == 0)
            {
                return new SearchPage([], number, false, Math.Min(total, MaxCounted), total > MaxCounted);
            }

            // The page's rows only: a rowid range FTS5 walks once, then the ids themselves. Not "rowid IN (...)"
            // alone: SQLite would hand FTS5 one rowid at a time, and FTS5 would run the query (and merge every
            // term a prefix like "th*" matches) twenty times.
            var texts = (await ReadAsync(db, """
                SELECT rowid,
                       highlight(ArticleSearch, 0, $start, $end),
                       snippet(ArticleSearch, 2, $start, $end, '…', 24),
                       snippet(ArticleSearch, 1, $start, $end, '…', 24)
                FROM ArticleSearch
                WHERE ArticleSearch MATCH $match AND rowid BETWEEN $first AND $last
                  AND +rowid IN (SELECT value FROM json_each($ids))
                """, r => (Id: r.GetInt32(0), Headline: r.GetString(1), Snippet: r.GetString(2), DekSnippet: r.GetString(3)), cancellationToken,
                ("$match", match), ("$start", MarkStart), ("$end", MarkEnd), ("$first", page.Min()), ("$last", page.Max()),
                ("$ids", JsonSerializer.Serialize(page)))).ToDictionary(t => t.Id);
            var cards = await db.Articles.Where(a => page.Contains(a.Id)).ToCard().ToDictionaryAsync(c => c.Id, cancellationToken);
            var hits = page.Where(id => cards.ContainsKey(id) && texts.ContainsKey(id)).Select(id => new SearchHit(
                cards[id],
                Mark(texts[id].Headline),
                Mark(texts[id].Snippet.Contains(MarkStart, StringComparison.Ordinal) || texts[id].DekSnippet.Length == 0 ? texts[id].Snippet : texts[id].DekSnippet))).ToList();
            return new SearchPage(hits, number, hasMore, Math.Min(total, MaxCounted), total > MaxCounted);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<T>> ReadAsync<T>(NewsDbContext db, string sql, Func<DbDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name).Value = value;
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>HTML-encodes FTS5 output, then turns the marks into &lt;mark&gt; elements.</summary>
    internal static string Mark(string text) =>
        WebUtility.HtmlEncode(text).Replace(MarkStart, "<mark>", StringComparison.Ordinal).Replace(MarkEnd, "</mark>", StringComparison.Ordinal);

    internal static string Clean(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c);
        }

        return sb.ToString();
    }

    // A quoted phrase, or a run of anything else up to the next space or quote.
    [GeneratedRegex("\"[^\"]*\"?|[^\\s\"]+")]
    private static partial Regex Phrase();

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Word();
}
