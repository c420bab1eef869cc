using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Search;

/// <summary>A search hit: the teaser, plus the headline and a passage with the matched words marked.</summary>
public sealed record SearchHit(ArticleCard Card, string HeadlineHtml, string SnippetHtml);

public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, int Number, bool HasMore, int Total);

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

    // Marks chosen from the C0 range: the index holds only text without control characters, so these cannot
    // occur in it, and the snippet can be HTML-encoded before they become <mark> tags.
    internal const string MarkStart = "\u0001";
    internal const string MarkEnd = "\u0002";

    /// <summary>Created after the model's tables; part of the schema fingerprint, so a change rebuilds the store.</summary>
    public const string CreateIndexSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS ArticleSearch USING fts5(headline, dek, body, author, tags, " +
        "tokenize = 'unicode61 remove_diacritics 2');";

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
            return new SearchPage([], number, false, 0);
        }

        var offset = (number - 1) * PageSize;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT a.Id AS Id, a.Slug AS Slug,
                   highlight(ArticleSearch, 0, {MarkStart}, {MarkEnd}) AS Headline,
                   snippet(ArticleSearch, 2, {MarkStart}, {MarkEnd}, '…', 24) AS Snippet,
                   snippet(ArticleSearch, 1, {MarkStart}, {MarkEnd}, '…', 24) AS DekSnippet
            FROM ArticleSearch
            JOIN Articles a ON a.Id = ArticleSearch.rowid
            WHERE ArticleSearch MATCH {match} AND a.IsDraft = 0 AND a.PublishedUtc <= {nowUtc}
            ORDER BY bm25(ArticleSearch, 10.0, 4.0, 1.0, 2.0, 3.0), a.PublishedUtc DESC
            LIMIT {PageSize + 1} OFFSET {offset}
            """).ToListAsync(cancellationToken);

        var total = await db.Database.SqlQuery<int>($"""
            SELECT count(*) AS Value FROM ArticleSearch JOIN Articles a ON a.Id = ArticleSearch.rowid
            WHERE ArticleSearch MATCH {match} AND a.IsDraft = 0 AND a.PublishedUtc <= {nowUtc}
            """).SingleAsync(cancellationToken);

        var page = rows.Take(PageSize).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var cards = await db.Articles.Where(a => ids.Contains(a.Id)).ToCard().ToDictionaryAsync(c => c.Slug, cancellationToken);
        var hits = page.Where(r => cards.ContainsKey(r.Slug)).Select(r => new SearchHit(
            cards[r.Slug],
            Mark(r.Headline),
            Mark(r.Snippet.Contains(MarkStart, StringComparison.Ordinal) || r.DekSnippet.Length == 0 ? r.Snippet : r.DekSnippet))).ToList();
        return new SearchPage(hits, number, rows.Count > PageSize, total);
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

    private sealed record Row(int Id, string Slug, string Headline, string Snippet, string DekSnippet);

    // A quoted phrase, or a run of anything else up to the next space or quote.
    [GeneratedRegex("\"[^\"]*\"?|[^\\s\"]+")]
    private static partial Regex Phrase();

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Word();
}
