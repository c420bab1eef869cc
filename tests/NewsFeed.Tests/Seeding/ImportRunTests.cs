using System.Globalization;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Data;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// A full import reads and writes its files in runs (<c>NewsFeed:ImportRun</c>), so it holds one run's bodies at a time.
/// Whatever the folder, runs of one file must give what reading the whole folder before writing gives (<c>0</c>): the
/// same report, the same articles with the same authors, tags and sections, also on a restart after the folder changed.
/// </summary>
public sealed class ImportRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Slugs = ["alpha", "beta", "gamma", "delta"];
    private static readonly string[] Writers = ["Ada Writer", "Ben Writer", "Cy Writer"];
    private static readonly string[] Names = ["a", "c", "e", "g", "i", "k"];

    /// <summary>One file of a generated folder.</summary>
    private sealed record SeedFile(string Path, string Text)
    {
        public override string ToString() => $"--- {Path}\n{Text}";
    }

    private static string WriterSlug(int writer) => Slug.From(Writers[writer]);

    private static readonly Gen<SeedFile> Markdown =
        Gen.Select(Gen.Int[0, Names.Length - 1], Gen.Int[0, Slugs.Length - 1], Gen.Int[-1, Writers.Length - 1], Gen.Int[0, 3], Gen.Int[-1, Slugs.Length - 1], Gen.Int[0, 5])
            .Select((name, slug, writer, tags, related, variant) =>
            {
                var article = new MarkdownArticle($"{Slugs[slug]} story {variant}").WithSlug(Slugs[slug])
                    .PublishedOn(new DateTime(2025, 3, 1 + variant, 9, 0, 0, DateTimeKind.Utc)).Tagged([.. new[] { "Harbour", "Ferries", "Weather" }.Take(tags)]);
                if (writer >= 0)
                {
                    article.By(WriterSlug(writer));
                }

                if (related >= 0)
                {
                    article.WithField($"related:\n  - {Slugs[related]}");
                }

                if (variant == 1)
                {
                    article.InSection("Port");
                }

                // One in six is broken: skipped, its slug left for the next file.
                var text = variant == 5 ? "no front matter\n" : article.ToString();
                return new SeedFile($"{Names[name]}.md", text);
            });

    private static readonly Gen<SeedFile> TextPage =
        Gen.Select(Gen.Int[0, Names.Length - 1], Gen.Int[0, Slugs.Length - 1], Gen.Int[0, Writers.Length - 1], Gen.Int[0, 2])
            .Select((name, slug, writer, title) => new SeedFile($"{Names[name]}b.txt", PageText(slug, writer, title)));

    /// <summary>A captured page (see <c>seeds/a-captured-page-line-by-line.txt</c>) whose author block names a writer.</summary>
    private static string PageText(int slug, int writer, int title) =>
        $"News Feed\n\nA page about {Slugs[slug]}\n\n1 min read\nA page about {Slugs[slug]}\nThe quay at dawn. (Photo by the desk)\n\n" +
        $"A paragraph of the captured page, long enough to read.\n\nAvatar\n{Writers[writer]}\n\nTitle {title}\n\n{Writers[writer]} writes pages.\n\nRead more\n";

    private static SeedFile Sidecar(SeedFile page, int slug) =>
        new(page.Path + ".yml", $"slug: {Slugs[slug]}\npublished: 2025-04-0{1 + slug}T10:00:00Z\n");

    private static readonly Gen<SeedFile> AuthorFile =
        Gen.Select(Gen.Int[0, Writers.Length - 1], Gen.Int[0, 2])
            .Select((writer, title) => new SeedFile($"authors/{WriterSlug(writer)}.md", $"---\nname: {Writers[writer]}\njob_title: Desk {title}\n---\nWrites for the desk.\n"));

    private static readonly Gen<SeedFile[]> Folder =
        Gen.Frequency((4, Markdown.Select(f => new[] { f })), (2, TextPage.SelectMany(p => Gen.Int[0, Slugs.Length - 1].Select(s => new[] { p, Sidecar(p, s) }))), (1, AuthorFile.Select(f => new[] { f })))
            .Array[1, 9]
            .Select(groups => groups.SelectMany(g => g).GroupBy(f => f.Path, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray());

    [Fact]
    public void Runs_of_one_file_import_what_the_whole_folder_at_once_imports_also_after_the_folder_changed()
    {
        Gen.Select(Folder, Folder).Sample((first, second) =>
        {
            var one = ImportTwice(first, second, run: 1);
            var whole = ImportTwice(first, second, run: 0);
            Assert.Equal(whole.First, one.First);
            Assert.Equal(whole.Second, one.Second);
        }, iter: 10, threads: 1);
    }

    [Fact]
    public async Task A_text_page_that_loses_its_slug_takes_its_author_block_with_it()
    {
        // The author block is read before the runs; the page loses its slug to a file before it only once the runs reach it.
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("First claim").WithSlug("alpha").By(WriterSlug(2)))
            .Write("page.txt", PageText(0, 2, 0))
            .Write("page.txt.yml", "slug: alpha\npublished: 2025-04-01T10:00:00Z\n");
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:ImportRun", "1");

        var page = await app.GetPageAsync("/articles/alpha");

        Assert.Equal("First claim", page.One("h1").Text());
        Assert.Empty(page.QuerySelectorAll(".byline-name"));
        var report = app.LastImport;
        Assert.Equal(SeedFileState.Skipped, report.Files.Single(f => f.Path == "page.txt").State);
        Assert.Contains(report.Files.Single(f => f.Path == "alpha.md").Problems, p => p.Message.Contains($"author: '{WriterSlug(2)}' has no file", StringComparison.Ordinal));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Authors.ToListAsync(Ct));
    }

    private static (string First, string Second) ImportTwice(SeedFile[] first, SeedFile[] second, int run)
    {
        using var seeds = SeedFolder.Create();
        Write(seeds, first, []);
        var before = Snapshot(seeds, run);
        Write(seeds, second, first);
        return (before, Snapshot(seeds, run));
    }

    private static void Write(SeedFolder seeds, SeedFile[] files, SeedFile[] previous)
    {
        foreach (var gone in previous.Where(p => !files.Any(f => f.Path == p.Path)))
        {
            seeds.Delete(gone.Path);
        }

        foreach (var file in files)
        {
            seeds.Write(file.Path, file.Text);
        }
    }

    /// <summary>Starts the app on the folder (the store kept from the last start), and writes down what the import did and what the store holds.</summary>
    private static string Snapshot(SeedFolder seeds, int run)
    {
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:ImportRun", run.ToString(CultureInfo.InvariantCulture));
        var report = app.LastImport;
        var lines = report.Files.Select(f => $"{f.Path} {f.State} {f.ArticleSlug} | {string.Join(" | ", f.Problems.Select(p => $"{p.Severity} {p.Line}:{p.Column} {p.Message}"))}").ToList();
        lines.Add($"deleted {report.Deleted}");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        lines.AddRange(db.Articles.OrderBy(a => a.Slug)
            .Select(a => new { a.Slug, a.SourcePath, a.Headline, Author = a.Author == null ? null : a.Author.Slug, Section = a.Section == null ? null : a.Section.Slug, Tags = a.Tags.Select(t => t.Slug).ToList() })
            .AsEnumerable()
            .Select(a => $"article {a.Slug} {a.SourcePath} '{a.Headline}' by {a.Author} in {a.Section} tags {string.Join(',', a.Tags.Order(StringComparer.Ordinal))}"));
        lines.AddRange(db.Authors.OrderBy(a => a.Slug).AsEnumerable().Select(a => $"author {a.Slug} {a.Name} {a.JobTitle} {a.SourcePath}"));
        lines.AddRange(db.Tags.OrderBy(t => t.Slug).AsEnumerable().Select(t => $"tag {t.Slug}"));
        return string.Join('\n', lines);
    }
}
