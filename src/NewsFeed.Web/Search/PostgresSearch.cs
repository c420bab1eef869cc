using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Search;

/// <summary>
/// <see cref="ArticleSearch"/> on a PostgreSQL store: a table of each article's searchable text with a generated,
/// weighted <c>tsvector</c> (headline A, dek B, tags and author C, body D) under a GIN index, queried with
/// <c>websearch_to_tsquery</c>, ranked with <c>ts_rank</c>, and marked with <c>ts_headline</c>.
/// </summary>
/// <remarks>
/// The text search configuration is <c>simple</c>, not <c>english</c>: no stemming and no stop words, like the
/// SQLite index (unicode61), so both stores find the same articles for the same words, the last word's prefix
/// match is a plain prefix (a stemmed "lighthous" would not match "lighthouse" typed whole), and Ukrainian or
/// Japanese text is searched as well as English. PostgreSQL keeps diacritics ("ä" is not "a"); SQLite removes them.
/// </remarks>
internal static class PostgresSearch
{
    // The default parser reads "<script>" as an HTML tag: it is not indexed, and ts_headline prints a space for it.
    // The index holds no control characters (ArticleSearch.Clean), so '<' is stored as one, and put back after.
    private const char TagOpen = '\u0003';

    // A tsvector holds at most 1 MB; this much text stays well below that, whatever the words. Longer bodies are
    // searched by their first 100,000 characters (some 15,000 words), which is where a reader's words are.
    private const int MaxBodyLength = 100_000;

    /// <summary>Created after the model's tables; part of the schema fingerprint, so a change rebuilds the store.</summary>
    public const string CreateIndexSql = """
        CREATE TABLE IF NOT EXISTS "ArticleSearch" (
            "Id" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
            "Headline" text NOT NULL,
            "Dek" text NOT NULL,
            "Body" text NOT NULL,
            "Author" text NOT NULL,
            "Tags" text NOT NULL,
            "Document" tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', "Headline"), 'A') ||
                setweight(to_tsvector('simple', "Dek"), 'B') ||
                setweight(to_tsvector('simple', "Tags"), 'C') ||
                setweight(to_tsvector('simple', "Author"), 'C') ||
                setweight(to_tsvector('simple', "Body"), 'D')) STORED);
        CREATE INDEX IF NOT EXISTS "IX_ArticleSearch_Document" ON "ArticleSearch" USING GIN ("Document");
        """;

    /// <summary>Writes (or rewrites) the index rows of the given articles, in the import's transaction, a batch a statement.</summary>
    public static async Task IndexAsync(NewsDbContext db, IEnumerable<(int Id, string Headline, string? Dek, string Body, string? Author, IEnumerable<string> Tags)> articles, CancellationToken cancellationToken)
    {
        foreach (var batch in articles.Chunk(500))
        {
            var ids = batch.Select(a => a.Id).ToArray();
            var headlines = batch.Select(a => Text(a.Headline)).ToArray();
            var deks = batch.Select(a => Text(a.Dek ?? "")).ToArray();
            var bodies = batch.Select(a => Text(a.Body.Length > MaxBodyLength ? a.Body[..MaxBodyLength] : a.Body)).ToArray();
            var authors = batch.Select(a => Text(a.Author ?? "")).ToArray();
            var tags = batch.Select(a => Text(string.Join(' ', a.Tags))).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ArticleSearch" ("Id", "Headline", "Dek", "Body", "Author", "Tags")
                SELECT * FROM unnest({ids}, {headlines}, {deks}, {bodies}, {authors}, {tags})
                ON CONFLICT ("Id") DO UPDATE SET "Headline" = excluded."Headline", "Dek" = excluded."Dek",
                    "Body" = excluded."Body", "Author" = excluded."Author", "Tags" = excluded."Tags"
                """, cancellationToken);
        }
    }

    /// <summary>
    /// When <paramref name="authorsChanged"/>, refreshes author names (an author file may have changed); rows of
    /// deleted articles went with them (ON DELETE CASCADE).
    /// </summary>
    public static async Task RefreshAsync(NewsDbContext db, bool authorsChanged, CancellationToken cancellationToken)
    {
        if (!authorsChanged)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""
            UPDATE "ArticleSearch" s SET "Author" = coalesce(au."Name", '')
            FROM "Articles" ar LEFT JOIN "Authors" au ON au."Id" = ar."AuthorId"
            WHERE ar."Id" = s."Id" AND s."Author" IS DISTINCT FROM coalesce(au."Name", '')
            """, cancellationToken);
    }

    /// <summary><see cref="ArticleSearch.ReadDocumentsAsync"/> on PostgreSQL.</summary>
    public static async Task<List<SearchDocument>> ReadDocumentsAsync(NewsDbContext db, IReadOnlyCollection<string>? slugs,
        IReadOnlyCollection<string>? authors, CancellationToken cancellationToken)
    {
        var filter = slugs is null && authors is null ? "" : "WHERE a.\"Slug\" = ANY(@slugs) OR au.\"Slug\" = ANY(@authors)";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ArticleSearch.ReadAsync(db, $"""
                SELECT a."Id", a."Slug", au."Slug", a."IsDraft", a."PublishedUtc", s."Headline", s."Dek", s."Body", s."Author", s."Tags"
                FROM "Articles" a JOIN "ArticleSearch" s ON s."Id" = a."Id" LEFT JOIN "Authors" au ON au."Id" = a."AuthorId"
                {filter}
                """, r => ArticleSearch.ReadDocument(r) is var d
                    ? d with { Headline = Untext(d.Headline), Dek = Untext(d.Dek), Body = Untext(d.Body), Author = Untext(d.Author), Tags = Untext(d.Tags) }
                    : null!, cancellationToken,
                ("@slugs", (slugs ?? []).ToArray()), ("@authors", (authors ?? []).ToArray()));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The headline, dek and body of the given articles, as <see cref="ArticleSearch"/> reads them on SQLite.</summary>
    public static async Task<Dictionary<int, (string Headline, string Dek, string Body)>> ReadTextsAsync(NewsDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return (await ArticleSearch.ReadAsync(db, """SELECT "Id", "Headline", "Dek", "Body" FROM "ArticleSearch" WHERE "Id" = ANY(@ids)""",
                r => (Id: r.GetInt32(0), Text: (Untext(r.GetString(1)), Untext(r.GetString(2)), Untext(r.GetString(3)))), cancellationToken,
                ("@ids", ids.ToArray()))).ToDictionary(t => t.Id, t => t.Text);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Text(string text) => ArticleSearch.Clean(text).Replace('<', TagOpen);

    /// <summary>Puts back what <see cref="Text"/> changed.</summary>
    private static string Untext(string text) => text.Replace(TagOpen, '<');
}
