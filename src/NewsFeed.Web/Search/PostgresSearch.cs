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

    // How much text before or after a passage is looked at for words, to tell whether it is cut ("…").
    private const int Edge = 40;

    private const string HeadlineOptions = $"StartSel={ArticleSearch.MarkStart}, StopSel={ArticleSearch.MarkEnd}, HighlightAll=true";

    // One fragment around the best match, at most 24 words, like the SQLite snippet; ShortWord=0 keeps a short
    // first or last word ("The") that ts_headline would otherwise drop.
    private const string SnippetOptions = $"StartSel={ArticleSearch.MarkStart}, StopSel={ArticleSearch.MarkEnd}, MaxFragments=1, MaxWords=24, MinWords=12, ShortWord=0";

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

    public static async Task<SearchPage> SearchAsync(NewsDbContext db, string query, int number, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (ArticleSearch.ToTerms(query) is not { } terms)
        {
            return new SearchPage([], number, false, 0, false);
        }

        // Every term quoted, so websearch_to_tsquery reads "or" and "-" as words, not operators (as FTS5 does);
        // the last word's prefix match is the one thing it cannot say, so that term goes to to_tsquery, whose
        // syntax is safe here: a word is only letters, marks and digits (ArticleSearch.ToTerms).
        var whole = terms.LastIsPrefix ? terms.Words[..^1] : terms.Words;
        var websearch = string.Join(' ', whole.Select(words => '"' + string.Join(' ', words) + '"'));
        var prefix = terms.LastIsPrefix ? string.Join(" <-> ", terms.Words[^1].Select(w => $"'{w}'")) + ":*" : "";

        var offset = (number - 1) * ArticleSearch.PageSize;
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH q AS (SELECT websearch_to_tsquery('simple', {websearch}) && to_tsquery('simple', {prefix}) AS query),
            hits AS (
                SELECT s."Id", ts_rank(ARRAY[0.1, 0.25, 0.4, 1.0]::real[], s."Document", q.query, 1) AS "Rank", a."PublishedUtc"
                FROM "ArticleSearch" s JOIN "Articles" a ON a."Id" = s."Id" CROSS JOIN q
                WHERE s."Document" @@ q.query AND a."IsDraft" = FALSE AND a."PublishedUtc" <= {nowUtc}
                ORDER BY "Rank" DESC, a."PublishedUtc" DESC, s."Id"
                LIMIT {ArticleSearch.PageSize + 1} OFFSET {offset})
            SELECT h."Id", a."Slug", ts_headline('simple', s."Headline", q.query, {HeadlineOptions}) AS "Headline",
                   b."Snippet", d."Snippet" AS "DekSnippet",
                   CASE WHEN b."Start" <= {Edge} THEN left(s."Body", greatest(b."Start" - 1, 0)) END AS "SnippetLead",
                   CASE WHEN b."Start" > 0 AND length(s."Body") - b."Start" - b."Length" < {Edge} THEN substr(s."Body", b."Start" + b."Length") END AS "SnippetTail",
                   CASE WHEN d."Start" <= {Edge} THEN left(s."Dek", greatest(d."Start" - 1, 0)) END AS "DekLead",
                   CASE WHEN d."Start" > 0 AND length(s."Dek") - d."Start" - d."Length" < {Edge} THEN substr(s."Dek", d."Start" + d."Length") END AS "DekTail"
            FROM hits h
            JOIN "ArticleSearch" s ON s."Id" = h."Id"
            JOIN "Articles" a ON a."Id" = h."Id"
            CROSS JOIN q
            CROSS JOIN LATERAL (SELECT x."Snippet", strpos(s."Body", x."Plain") AS "Start", length(x."Plain") AS "Length"
                FROM (SELECT y.h AS "Snippet", translate(y.h, {ArticleSearch.MarkStart + ArticleSearch.MarkEnd}, '') AS "Plain"
                    FROM (SELECT ts_headline('simple', s."Body", q.query, {SnippetOptions}) AS h) y) x) b
            CROSS JOIN LATERAL (SELECT x."Snippet", strpos(s."Dek", x."Plain") AS "Start", length(x."Plain") AS "Length"
                FROM (SELECT y.h AS "Snippet", translate(y.h, {ArticleSearch.MarkStart + ArticleSearch.MarkEnd}, '') AS "Plain"
                    FROM (SELECT ts_headline('simple', s."Dek", q.query, {SnippetOptions}) AS h) y) x) d
            ORDER BY h."Rank" DESC, h."PublishedUtc" DESC, h."Id"
            """).ToListAsync(cancellationToken);

        // Counted up to one past the cap, as on SQLite (ArticleSearch.MaxCounted).
        var total = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (
                SELECT 1 FROM "ArticleSearch" s JOIN "Articles" a ON a."Id" = s."Id"
                WHERE s."Document" @@ (websearch_to_tsquery('simple', {websearch}) && to_tsquery('simple', {prefix}))
                  AND a."IsDraft" = FALSE AND a."PublishedUtc" <= {nowUtc}
                LIMIT {ArticleSearch.MaxCounted + 1}) m
            """).SingleAsync(cancellationToken);

        var page = rows.Take(ArticleSearch.PageSize).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var cards = await db.Articles.Where(a => ids.Contains(a.Id)).ToCard().ToDictionaryAsync(c => c.Slug, cancellationToken);
        var hits = page.Where(r => cards.ContainsKey(r.Slug)).Select(r => new SearchHit(
            cards[r.Slug],
            Mark(r.Headline),
            r.Snippet.Contains(ArticleSearch.MarkStart, StringComparison.Ordinal) || r.DekSnippet.Length == 0
                ? Mark(Passage(r.Snippet, r.SnippetLead, r.SnippetTail))
                : Mark(Passage(r.DekSnippet, r.DekLead, r.DekTail)))).ToList();
        return new SearchPage(hits, number, rows.Count > ArticleSearch.PageSize, Math.Min(total, ArticleSearch.MaxCounted),
            total > ArticleSearch.MaxCounted);
    }

    private static string Text(string text) => ArticleSearch.Clean(text).Replace('<', TagOpen);

    /// <summary>Puts back what <see cref="Text"/> changed, then HTML-encodes and marks as the SQLite path does.</summary>
    private static string Mark(string text) => ArticleSearch.Mark(text.Replace(TagOpen, '<'));

    /// <summary>
    /// ts_headline's fragment, as FTS5's snippet() would give it: with "…" where it is cut from a longer text, and
    /// with the punctuation the fragment leaves off where it reaches the text's start or end (a closing full stop).
    /// <paramref name="lead"/> and <paramref name="tail"/> are the text before and after it, when short (else null).
    /// </summary>
    private static string Passage(string snippet, string? lead, string? tail)
    {
        if (snippet.Length == 0)
        {
            return snippet;
        }

        var start = lead is null || lead.Any(char.IsLetterOrDigit) ? "…" : lead.TrimStart();
        var end = tail is null || tail.Any(char.IsLetterOrDigit) ? "…" : tail.TrimEnd();
        return start + snippet + end;
    }

    private sealed record Row(int Id, string Slug, string Headline, string Snippet, string DekSnippet,
        string? SnippetLead, string? SnippetTail, string? DekLead, string? DekTail);
}
