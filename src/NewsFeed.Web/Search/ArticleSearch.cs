using System.Data.Common;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;

namespace NewsFeed.Web.Search;

/// <summary>A search hit: the teaser, plus the headline and a passage with the matched words marked.</summary>
public sealed record SearchHit(ArticleCard Card, string HeadlineHtml, string SnippetHtml);

/// <summary>
/// One page of results. <see cref="Total"/> is exact up to <see cref="ArticleSearch.MaxCounted"/>; past that,
/// counting stops, Total is MaxCounted and <see cref="MoreThanTotal"/> is set ("more than 1,000 results").
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, int Number, bool HasMore, int Total, bool MoreThanTotal);

/// <summary>
/// Full-text search over public articles: headline, dek, body, author and tags. The store keeps each article's text
/// (a table written at import, here and in <see cref="PostgresSearch"/>); <see cref="SearchIndex"/> ranks in memory;
/// this class turns a query into words, and a page of ranked ids into hits with marked passages.
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

    /// <summary>
    /// Each article's searchable text, as <see cref="SearchIndex"/> reads it: a plain table (ranking is in memory, so no
    /// FTS5 index, and none of its prefix indexes, is written at import). Created after the model's tables; part of the
    /// schema fingerprint, so a change rebuilds the store.
    /// </summary>
    public const string CreateIndexSql =
        "CREATE TABLE IF NOT EXISTS ArticleSearch (Id INTEGER PRIMARY KEY, Headline TEXT NOT NULL, Dek TEXT NOT NULL, " +
        "Body TEXT NOT NULL, Author TEXT NOT NULL, Tags TEXT NOT NULL);";

    /// <summary>Writes (or rewrites) the index rows of the given articles, in the import's transaction.</summary>
    public static async Task IndexAsync(NewsDbContext db, IEnumerable<(int Id, string Headline, string? Dek, string Body, string? Author, IEnumerable<string> Tags)> articles, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await PostgresSearch.IndexAsync(db, articles, cancellationToken);
            return;
        }

        // One command prepared once and re-bound per article: a first import writes 10,000 rows, and building
        // a new command (and parsing its SQL) for each was most of the table's cost.
        var connection = db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = "INSERT OR REPLACE INTO ArticleSearch(Id, Headline, Dek, Body, Author, Tags) VALUES ($id, $headline, $dek, $body, $author, $tags)";
        var (id, headline, dek, body, author, tags) = (AddParameter(insert, "$id"), AddParameter(insert, "$headline"),
            AddParameter(insert, "$dek"), AddParameter(insert, "$body"), AddParameter(insert, "$author"), AddParameter(insert, "$tags"));

        foreach (var a in articles)
        {
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
    /// Drops the index rows of the deleted articles <paramref name="removed"/>, and when <paramref name="authorsChanged"/>
    /// refreshes author names (that rewrites a column of every row, too much for each saved article in preview).
    /// </summary>
    public static async Task RefreshAsync(NewsDbContext db, IReadOnlyCollection<int> removed, bool authorsChanged, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            // Its rows go with their article's (a foreign key with cascade).
            await PostgresSearch.RefreshAsync(db, authorsChanged, cancellationToken);
            return;
        }

        // By id, not by a sweep for rows without an article: that read every row's text (78 ms at 10,000 articles, for
        // each saved file in preview).
        if (removed.Count > 0)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ArticleSearch WHERE Id IN (SELECT value FROM json_each({0}))",
                [JsonSerializer.Serialize(removed)], cancellationToken);
        }

        if (!authorsChanged)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            "UPDATE ArticleSearch SET Author = coalesce((SELECT au.Name FROM Articles ar JOIN Authors au ON au.Id = ar.AuthorId WHERE ar.Id = ArticleSearch.Id), '') " +
            "WHERE Author IS NOT coalesce((SELECT au.Name FROM Articles ar JOIN Authors au ON au.Id = ar.AuthorId WHERE ar.Id = ArticleSearch.Id), '')",
            cancellationToken);
    }

    /// <summary>
    /// What a reader typed, read safely whatever it holds: the words of each term (one word, or a "quoted phrase"'s
    /// words; AND, OR, NEAR, *, -, ^ and parentheses are just text), and whether the last term matches as a prefix
    /// (not when it closed a quoted phrase). At most 16 terms of the first 500 characters. Null: nothing searchable.
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

    /// <summary>
    /// One page of the public articles that match <paramref name="query"/>, ranked by <paramref name="index"/> (in memory:
    /// no statement per query), with their texts from the index, their cards from <paramref name="listings"/>, and the
    /// passages made here.
    /// </summary>
    public static async Task<SearchPage> SearchAsync(SearchIndex index, SiteListings listings, string query, int number, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (SearchQuery.Parse(query) is not { } parsed)
        {
            return new SearchPage([], number, false, 0, false);
        }

        var offset = (number - 1) * PageSize;
        var ranked = (await index.GetAsync(cancellationToken)).Query(parsed, nowUtc, offset, PageSize + 1);
        var page = ranked.Ids.Take(PageSize).ToList();
        var (total, moreThan) = (Math.Min(ranked.Total, MaxCounted), ranked.Total > MaxCounted);
        if (page.Count == 0)
        {
            return new SearchPage([], number, false, total, moreThan);
        }

        var cards = await listings.GetAsync(cancellationToken);
        var hits = new List<SearchHit>(page.Count);
        for (var i = 0; i < page.Count; i++)
        {
            // An article deleted since the index was read is left out.
            if (cards.Card(page[i]) is not { } card)
            {
                continue;
            }

            var text = ranked.Texts[i];
            var passage = Passages.Passage(text.Body, parsed, out var matched);
            if (!matched && text.Dek is { Length: > 0 } dek)
            {
                passage = Passages.Passage(dek, parsed, out _);
            }

            hits.Add(new SearchHit(card, Mark(Passages.Highlight(text.Headline, parsed)), Mark(passage)));
        }

        return new SearchPage(hits, number, ranked.Ids.Count > PageSize, total, moreThan);
    }

    /// <summary>
    /// The searchable text of every article, or of those with the given slugs or by the given authors, as the table
    /// holds it (written at import by <see cref="IndexAsync"/>), for <see cref="SearchIndex"/>. Read row by row as the
    /// caller enumerates (synchronously: the index is built on a thread of its own), so that 10,000 bodies are never
    /// held at once.
    /// </summary>
    public static IEnumerable<SearchDocument> ReadDocuments(NewsDbContext db, IReadOnlyCollection<string>? slugs, IReadOnlyCollection<string>? authors)
    {
        var postgres = db.Database.IsNpgsql();
        var sql = postgres ? PostgresSearch.DocumentsSql : """
            SELECT a.Id, a.Slug, au.Slug, a.IsDraft, a.PublishedUtc, s.Headline, s.Dek, s.Body, s.Author, s.Tags
            FROM Articles a JOIN ArticleSearch s ON s.Id = a.Id LEFT JOIN Authors au ON au.Id = a.AuthorId
            """;
        if (slugs is not null || authors is not null)
        {
            sql += postgres ? PostgresSearch.DocumentsFilter
                : " WHERE a.Slug IN (SELECT value FROM json_each($slugs)) OR au.Slug IN (SELECT value FROM json_each($authors))";
        }

        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            AddParameter(command, postgres ? "@slugs" : "$slugs").Value = postgres ? (slugs ?? []).ToArray() : JsonSerializer.Serialize(slugs ?? []);
            AddParameter(command, postgres ? "@authors" : "$authors").Value = postgres ? (authors ?? []).ToArray() : JsonSerializer.Serialize(authors ?? []);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return ReadDocument(reader);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    private static SearchDocument ReadDocument(DbDataReader r) => new(
        r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3),
        DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc),
        r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9));

    /// <summary>HTML-encodes a marked headline or passage (<see cref="Passages"/>), then turns the marks into &lt;mark&gt; elements.</summary>
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

    // SearchText.Words, for a query: letters, marks and digits, and an apostrophe between two Cyrillic letters.
    [GeneratedRegex(@"(?:[\p{L}\p{M}\p{N}]|(?<=\p{IsCyrillic})['\u2019\u02BC](?=\p{IsCyrillic}))+")]
    private static partial Regex Word();
}
