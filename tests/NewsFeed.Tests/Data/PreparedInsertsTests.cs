using System.Data.Common;
using System.Globalization;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;

namespace NewsFeed.Tests.Data;

/// <summary>
/// <see cref="PreparedInserts"/> must leave the store exactly as EF's <c>SaveChanges</c> would: every table, every
/// column, the same keys. Two stores get the same generated graphs (articles with or without a picture and its parts,
/// new and known tags and sections, links, corrections, feed items, bodies, sometimes a renamed section, which is a
/// change the prepared path leaves to EF), one saved each way, and are compared table by table.
/// </summary>
public sealed class PreparedInsertsTests : IDisposable
{
    private static readonly string[] TagNames = ["Harbour", "Ferry", "Night shift", "Ørsted", "Desk notes"];
    private static readonly string[] SectionNames = ["News", "Desk", "Long reads"];

    private readonly string _folder = Directory.CreateTempSubdirectory("newsfeed-inserts-").FullName;
    private readonly CommandCount _commands = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var store in new[] { "saved", "prepared", "alone" })
        {
            TestStore.Delete(Path.Combine(_folder, store + ".db"));
        }

        Directory.Delete(_folder, recursive: true);
    }

    private sealed record ImageSpec(string? Src, string? Alt, string? Caption, string? Credit);

    private sealed record ArticleSpec(
        int Headline, string? Dek, ImageSpec? Image, int[] Tags, int Section, bool Draft, string Language, int Links, CorrectionKind[] Corrections,
        bool Feed, bool Body, bool WithAuthor);

    private static readonly Gen<string?> Text = Gen.OneOf<string?>(null, "", "A line", "Ünïcode — “quoted” ʼ", "<b>not markup</b> & more");

    private static readonly Gen<ArticleSpec> Article =
        Gen.Select(
            Gen.Int[0, 99], Text, Gen.Bool.SelectMany<bool, ImageSpec?>(has => has
                ? Gen.Select(Gen.OneOf<string?>(null, "/media/quay.jpg", "https://example.org/a.png"), Text, Text, Text, (s, a, c, r) => (ImageSpec?)new ImageSpec(s, a, c, r))
                : Gen.Const((ImageSpec?)null)),
            Gen.Int[0, TagNames.Length - 1].Array[0, 3],
            Gen.Int[-1, SectionNames.Length - 1],
            Gen.Bool, Gen.OneOf<string>("en", "uk"), Gen.Int[0, 2])
        .SelectMany(a => Gen.Select(Gen.Enum<CorrectionKind>().Array[0, 2], Gen.Bool, Gen.Bool, Gen.Bool, (c, f, b, w) =>
            new ArticleSpec(a.Item1, a.Item2, a.Item3, [.. a.Item4.Distinct()], a.Item5, a.Item6, a.Item7, a.Item8, c, f, b, w)));

    private static readonly Gen<(ArticleSpec[] Articles, int Rename)> Batch =
        Gen.Select(Article.Array[1, 5], Gen.Frequency((4, Gen.Const(-1)), (1, Gen.Int[0, SectionNames.Length - 1])));

    [Fact]
    public async Task The_prepared_path_writes_every_table_as_SaveChanges_does()
    {
        await using var saved = await OpenAsync("saved");
        await using var prepared = await OpenAsync("prepared");
        var batch = 0;

        await Batch.SampleAsync(async sample =>
        {
            batch++;
            // Each sample starts from the same store: what it wrote goes, also when it failed (the transactions roll back).
            saved.ChangeTracker.Clear();
            prepared.ChangeTracker.Clear();
            await using var savedTransaction = await saved.Database.BeginTransactionAsync(Ct);
            await using var preparedTransaction = await prepared.Database.BeginTransactionAsync(Ct);
            var savedRows = await AddAsync(saved, sample.Articles, sample.Rename, batch);
            var preparedRows = await AddAsync(prepared, sample.Articles, sample.Rename, batch);

            await saved.SaveChangesAsync(Ct);
            var (before, renamed) = (_commands.Count, prepared.ChangeTracker.Entries().Any(e => e.State == EntityState.Modified));
            await PreparedInserts.SaveChangesAsync(prepared, Ct);

            // Only new rows are written by the prepared statements, which pass no EF command; a renamed section sends all to EF.
            Assert.Equal(renamed, _commands.Count > before);

            // Keys may be given in another order (EF writes a row whose new section must come first later, the
            // prepared path in the order rows were added), so rows are compared with each key replaced by what it names.
            Assert.Equal(preparedRows.Count, preparedRows.Select(a => a.Id).Where(id => id > 0).Distinct().Count());
            Assert.DoesNotContain(prepared.ChangeTracker.Entries(), e => e.State != EntityState.Unchanged);
            var (expected, actual) = (await StoredAsync(saved), await StoredAsync(prepared));
            foreach (var table in expected.Keys)
            {
                Assert.Equal(expected[table], actual[table]);
            }

            // The entities hold the keys their rows were given.
            foreach (var row in preparedRows)
            {
                Assert.Equal(row.Slug, await prepared.Articles.Where(a => a.Id == row.Id).Select(a => a.Slug).SingleAsync(Ct));
            }
        }, iter: 60, threads: 1);
    }

    [Fact]
    public async Task Without_a_transaction_of_the_callers_the_rows_are_committed_together()
    {
        await using var db = await OpenAsync("alone");
        var rows = await AddAsync(db, [new ArticleSpec(1, "Dek", new ImageSpec("/media/a.jpg", "Alt", null, "Desk"), [0, 1], 0, false, "en", 1, [CorrectionKind.Update], true, true, true)], -1, 1);

        await PreparedInserts.SaveChangesAsync(db, Ct);

        db.ChangeTracker.Clear();
        var stored = await db.Articles.Include(a => a.Tags).Include(a => a.RelatedLinks).Include(a => a.Corrections).Include(a => a.FeedItem)
            .SingleAsync(a => a.Id == rows[0].Id, Ct);
        Assert.Equal(["Ferry", "Harbour"], stored.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new HeroImage { Src = "/media/a.jpg", Alt = "Alt", Credit = "Desk" }, stored.Image);
        Assert.Equal("News", (await db.Sections.SingleAsync(s => s.Id == stored.SectionId, Ct)).Name);
        Assert.Single(stored.RelatedLinks);
        Assert.Equal(CorrectionKind.Update, Assert.Single(stored.Corrections).Kind);
        Assert.Equal(new byte[] { 1, 2, 3 }, stored.FeedItem!.Rss);
        Assert.Null(db.Database.CurrentTransaction);
    }

    private async Task<NewsDbContext> OpenAsync(string name)
    {
        var path = Path.Combine(_folder, name + ".db");
        TestStore.EnsureCreated(path);
        var options = new DbContextOptionsBuilder<NewsDbContext>();
        StoreProvider.Use(options, TestStore.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, TestStore.ConnectionString(path), _folder);
        options.AddInterceptors(_commands);
        var db = new NewsDbContext(options.Options);
        await db.Database.EnsureCreatedAsync(Ct);
        db.Authors.Add(new Author { Slug = "ana", Name = "Ana", SourcePath = "authors/ana.yml" });
        db.Tags.Add(new Tag { Slug = "harbour", Name = "Harbour" });
        db.Sections.Add(new Section { Slug = "desk", Name = "Desk" });
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        return db;
    }

    /// <summary>The graphs of <paramref name="specs"/>, added to <paramref name="db"/> as the import adds them (known tags and sections tracked).</summary>
    private static async Task<List<Article>> AddAsync(NewsDbContext db, ArticleSpec[] specs, int rename, int batch)
    {
        var tags = await db.Tags.AsTracking().ToDictionaryAsync(t => t.Slug, Ct);
        var sections = await db.Sections.AsTracking().ToDictionaryAsync(s => s.Slug, Ct);
        var author = await db.Authors.SingleAsync(Ct);
        if (rename >= 0 && sections.TryGetValue(Slug(SectionNames[rename]), out var renamed))
        {
            renamed.Name += " (renamed)";
        }

        var rows = new List<Article>();
        foreach (var (spec, i) in specs.Select((s, i) => (s, i)))
        {
            var slug = $"story-{batch}-{i}";
            var article = new Article
            {
                Slug = slug,
                Headline = $"Headline {spec.Headline}",
                Dek = spec.Dek,
                Excerpt = spec.Dek ?? "",
                Language = spec.Language,
                PublishedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567L * spec.Headline),
                UpdatedUtc = spec.Draft ? null : new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc),
                IsDraft = spec.Draft,
                Image = spec.Image is { } image ? new HeroImage { Src = image.Src, Alt = image.Alt, Caption = image.Caption, Credit = image.Credit } : null,
                Format = spec.Headline % 2 == 0 ? SourceFormat.Markdown : SourceFormat.TextPage,
                Html = "<p>body</p>",
                WordCount = spec.Headline,
                ReadingMinutes = 1 + spec.Headline % 4,
                SourcePath = slug + ".md",
                ContentHash = "hash-" + slug,
                AuthorId = spec.WithAuthor ? author.Id : null,
                Tags = [.. spec.Tags.Select(t => Lookup(tags, TagNames[t], (s, n) => new Tag { Slug = s, Name = n }))],
                Section = spec.Section < 0 ? null : Lookup(sections, SectionNames[spec.Section], (s, n) => new Section { Slug = s, Name = n }),
                RelatedLinks = [.. Enumerable.Range(0, spec.Links).Select(p => new RelatedLink { Position = p, TargetSlug = p == 0 ? "story-1-0" : null, Url = p == 1 ? "https://example.org" : null, Title = p == 1 ? "Elsewhere" : null })],
                Corrections = [.. spec.Corrections.Select((k, p) => new Correction { Position = p, Kind = k, DateUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(p), Text = $"{k} {p}" })],
                FeedItem = spec.Feed ? new FeedItem { Rss = [1, 2, 3], Json = [4, 5] } : null,
            };
            db.Articles.Add(article);
            if (spec.Body)
            {
                db.PublishedBodies.Add(new PublishedBody { Slug = slug, Text = "body", Corrections = "[]", ImportedUtc = article.PublishedUtc, PublishedUtc = article.PublishedUtc });
            }

            rows.Add(article);
        }

        return rows;
    }

    private static string Slug(string name) => NewsFeed.Web.Seeding.Slug.From(name);

    private static T Lookup<T>(Dictionary<string, T> known, string name, Func<string, string, T> create)
    {
        var slug = Slug(name);
        if (!known.TryGetValue(slug, out var value))
        {
            value = create(slug, name);
            known[slug] = value;
        }

        return value;
    }

    /// <summary>
    /// Every row of every table, as text, sorted: a key the store generated is left out, and a foreign key is replaced
    /// by the row it names (in the same form), so two stores compare equal whatever keys they gave.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> StoredAsync(NewsDbContext db)
    {
        var types = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.GetTableName() is not null).ToList();
        var raw = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var table in types.Select(t => t.GetTableName()!).Distinct())
        {
            raw[table] = await RowsAsync(db, table);
        }

        var named = new Dictionary<(string Table, string Key), string>();
        string Canonical(IEntityType type, Dictionary<string, string> row)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var generated = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] ? key.GetColumnName(table) : null;
            var references = type.GetForeignKeys().Where(k => k.Properties.Count == 1 && !k.PrincipalEntityType.IsOwned())
                .ToDictionary(k => k.Properties[0].GetColumnName(table)!, k => k.PrincipalEntityType);
            return string.Join(" | ", row.Where(c => c.Key != generated).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                c.Key + "=" + (references.TryGetValue(c.Key, out var principal) && c.Value != "null" ? "(" + Named(principal, c.Value) + ")" : c.Value)));
        }

        string Named(IEntityType type, string key)
        {
            var table = type.GetTableName()!;
            if (!named.TryGetValue((table, key), out var name))
            {
                var column = type.FindPrimaryKey()!.Properties[0].GetColumnName(StoreObjectIdentifier.Table(table, type.GetSchema()))!;
                name = Canonical(type, raw[table].Single(r => r[column] == key));
                named[(table, key)] = name;
            }

            return name;
        }

        return types.GroupBy(t => t.GetTableName()!).ToDictionary(g => g.Key, g =>
            raw[g.Key].Select(r => Canonical(g.First(), r)).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Every row of a table, every column as text.</summary>
    private static async Task<List<Dictionary<string, string>>> RowsAsync(NewsDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.GetValue(i) switch
            {
                DBNull => "null",
                byte[] bytes => Convert.ToHexString(bytes),
                DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
            }));
        }

        return rows;
    }

    /// <summary>The commands EF ran (SaveChanges, queries); the prepared statements are not among them.</summary>
    private sealed class CommandCount : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
