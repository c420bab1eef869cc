using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Search;

/// <summary>
/// <see cref="ArticleSearch"/>'s table on a PostgreSQL store: each article's searchable text, written a batch a
/// statement at import and read by <see cref="SearchIndex"/>, which ranks in memory as on SQLite.
/// </summary>
internal static class PostgresSearch
{
    /// <summary>Created after the model's tables; part of the schema fingerprint, so a change rebuilds the store.</summary>
    public const string CreateIndexSql = """
        CREATE TABLE IF NOT EXISTS "ArticleSearch" (
            "Id" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
            "Headline" text NOT NULL,
            "Dek" text NOT NULL,
            "Body" text NOT NULL,
            "Author" text NOT NULL,
            "Tags" text NOT NULL);
        """;

    /// <summary>Writes (or rewrites) the index rows of the given articles, in the import's transaction, a batch a statement.</summary>
    public static async Task IndexAsync(NewsDbContext db, IEnumerable<(int Id, string Headline, string? Dek, string Body, string? Author, IEnumerable<string> Tags)> articles, CancellationToken cancellationToken)
    {
        foreach (var batch in articles.Chunk(500))
        {
            var ids = batch.Select(a => a.Id).ToArray();
            var headlines = batch.Select(a => ArticleSearch.Clean(a.Headline)).ToArray();
            var deks = batch.Select(a => ArticleSearch.Clean(a.Dek ?? "")).ToArray();
            var bodies = batch.Select(a => ArticleSearch.Clean(a.Body)).ToArray();
            var authors = batch.Select(a => ArticleSearch.Clean(a.Author ?? "")).ToArray();
            var tags = batch.Select(a => ArticleSearch.Clean(string.Join(' ', a.Tags))).ToArray();
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

    /// <summary><see cref="ArticleSearch.ReadDocuments"/> on PostgreSQL: every article's text, and the filter by slugs or authors.</summary>
    public const string DocumentsSql = """
        SELECT a."Id", a."Slug", au."Slug", a."IsDraft", a."PublishedUtc", s."Headline", s."Dek", s."Body", s."Author", s."Tags"
        FROM "Articles" a JOIN "ArticleSearch" s ON s."Id" = a."Id" LEFT JOIN "Authors" au ON au."Id" = a."AuthorId"
        """;

    public const string DocumentsFilter = " WHERE a.\"Slug\" = ANY(@slugs) OR au.\"Slug\" = ANY(@authors)";
}
