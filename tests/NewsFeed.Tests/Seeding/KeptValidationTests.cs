using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Model;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// A save in preview whose files keep what validation reads (<see cref="SeedValidator.SameFacts"/>) applies the last
/// validation's problems (<see cref="KeptValidation"/>) instead of checking the folder again. For any folder and any
/// edit of one file that keeps its facts, that must give exactly what validating the edited folder gives.
/// </summary>
public sealed class KeptValidationTests
{
    // Small pools, so that slugs collide, references sometimes resolve and translations meet their originals.
    private static readonly string[] Slugs = ["a", "b", "c"];
    private static readonly string[] Writers = ["w1", "w2"];
    private static readonly string[] Pictures = ["/media/p.jpg", "/media/q.jpg", "/media/r.jpg"];
    private static readonly string?[] Languages = [null, "en", "uk"];

    private static Gen<string?> OneOf(params string?[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<DateTime> Day = Gen.Int[1, 3].Select(d => new DateTime(2026, 5, d, 9, 0, 0, DateTimeKind.Utc));

    private static readonly Gen<RelatedSeed> Related =
        Gen.Select(Gen.Bool, OneOf(Slugs), Gen.Int[1, 3], OneOf("One", "Two"))
            .Select((internalLink, slug, line, title) => internalLink
                ? new RelatedSeed(slug, null, null, null, line)
                : new RelatedSeed(null, "https://example.org/" + title, title, null, line));

    /// <summary>Every field of an article that a folder can vary, the ones validation reads and the ones it does not.</summary>
    private sealed record ArticleFields(
        string Slug, int SlugLine, string? Author, int AuthorLine, string? Inline, string? Language, string? TranslationOf,
        int TranslationLine, DateTime Published, DateTime? Updated, RelatedSeed[] Related, string Headline, string[] Tags);

    private static readonly Gen<ArticleFields> Article =
        Gen.Select(
            Gen.Select(OneOf(Slugs), Gen.Int[1, 2], OneOf([null, .. Writers, "w3"]), Gen.Int[1, 2], OneOf(null, "w1", "w3"), OneOf(Languages)),
            Gen.Select(OneOf([null, .. Slugs]), Gen.Int[1, 2], Day, Gen.Select(Gen.Bool, Day).Select((none, day) => none ? (DateTime?)null : day), Related.Array[0, 2]),
            Gen.Select(OneOf("Harbour", "Ferries"), OneOf("x", "y").Array[0, 2]))
        .Select((a, b, c) => new ArticleFields(a.Item1!, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5,
            c.Item1!, [.. c.Item2.OfType<string>()]));

    /// <summary>What a file can be: an article, an author file or neither; read with or without errors; naming pictures.</summary>
    private sealed record Shape(int Kind, ArticleFields Article, string Author, bool Broken, bool Warned, string[] Pictures);

    private static readonly Gen<Shape> Shapes =
        Gen.Select(Gen.Frequency((8, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Const(2))), Article, OneOf(Writers), Gen.Int[0, 9], Gen.Int[0, 9],
                Gen.Int[0, Pictures.Length - 1].Array[0, 2])
            .Select((kind, article, author, broken, warned, pictures) =>
                new Shape(kind, article, author!, broken == 0, warned == 0, [.. pictures.Select(i => Pictures[i]).Distinct()]));

    /// <summary>
    /// An edit of a shape: each part kept or made anew, the fields validation does not read more often than the rest,
    /// so that many edits keep the facts and still change the file.
    /// </summary>
    private static Gen<Shape> Edit(Shape shape) =>
        Gen.Select(Shapes, Gen.Int[0, 99].Array[13])
            .Select((fresh, roll) =>
            {
                T Pick<T>(int i, T kept, T made, int percent = 15) => roll[i] < percent ? made : kept;
                var (a, f) = (shape.Article, fresh.Article);
                var article = new ArticleFields(
                    Pick(0, a.Slug, f.Slug), Pick(1, a.SlugLine, f.SlugLine), Pick(2, a.Author, f.Author), Pick(3, a.AuthorLine, f.AuthorLine),
                    Pick(4, a.Inline, f.Inline), Pick(5, a.Language, f.Language), Pick(6, a.TranslationOf, f.TranslationOf),
                    Pick(7, a.TranslationLine, f.TranslationLine), Pick(8, a.Published, f.Published), Pick(9, a.Updated, f.Updated),
                    Pick(10, a.Related, f.Related), Pick(11, a.Headline, f.Headline, 70), Pick(12, a.Tags, f.Tags, 70));
                return new Shape(Pick(0, shape.Kind, fresh.Kind, 5), article, Pick(1, shape.Author, fresh.Author), Pick(2, shape.Broken, fresh.Broken, 5),
                    Pick(3, shape.Warned, fresh.Warned, 50), Pick(4, shape.Pictures, fresh.Pictures, 10));
            });

    private static SeedDocument Document(string path, Shape shape)
    {
        var a = shape.Article;
        var document = new SeedDocument
        {
            Path = path,
            Hash = shape.GetHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Pictures = shape.Pictures.ToHashSet(StringComparer.Ordinal),
            Author = shape.Kind == 1 ? new AuthorSeed { Slug = shape.Author, Name = shape.Author, SourcePath = path } : null,
            Article = shape.Kind != 0 ? null : new ArticleSeed
            {
                Slug = a.Slug,
                SlugLine = a.SlugLine,
                Headline = a.Headline,
                Excerpt = a.Headline,
                PublishedUtc = a.Published,
                UpdatedUtc = a.Updated,
                Format = SourceFormat.Markdown,
                Html = $"<p>{a.Headline}</p>",
                Tags = a.Tags,
                Related = a.Related,
                AuthorSlug = a.Author,
                AuthorLine = a.AuthorLine,
                InlineAuthor = a.Inline is null ? null : new AuthorSeed { Slug = a.Inline, Name = a.Inline, SourcePath = path },
                Language = a.Language,
                TranslationOf = a.TranslationOf,
                TranslationLine = a.TranslationLine,
            },
        };
        if (shape.Broken)
        {
            document.Problems.Add(new SeedProblem(path, 1, 1, ProblemSeverity.Error, "broken as read"));
        }

        if (shape.Warned)
        {
            document.Problems.Add(new SeedProblem(path, 2, 1, ProblemSeverity.Warning, $"read with a warning ({a.Headline})"));
        }

        return document;
    }

    private static List<SeedDocument> Folder(Shape[] shapes) => [.. shapes.Select((s, i) => Document($"f{i}.md", s))];

    private static List<SeedDocument> Validated(List<SeedDocument> read) =>
        [.. SeedValidator.Validate([.. read.Select(d => d.Copy())], Pictures, "en")];

    private static string Report(IEnumerable<SeedDocument> documents) =>
        string.Join("\n", documents.Select(d => $"{d.Path}: {string.Join(" | ", d.Problems)}"));

    [Fact]
    public void An_edit_that_keeps_the_facts_validates_as_the_whole_folder_does()
    {
        var (kept, changed) = (0, 0);
        Gen.Select(Shapes.Array[1, 7], Gen.Int[0, 6])
            .SelectMany((shapes, i) => Edit(shapes[i % shapes.Length]).Select(edit => (Shapes: shapes, Index: i % shapes.Length, Edit: edit)))
            .Sample(t =>
            {
                var before = Folder(t.Shapes);
                var after = Folder([.. t.Shapes.Select((s, i) => i == t.Index ? t.Edit : s)]);
                if (!SeedValidator.SameFacts(before[t.Index], after[t.Index]))
                {
                    return;
                }

                kept++;
                changed += t.Edit == t.Shapes[t.Index] ? 0 : 1;
                var expected = Validated(after);
                var applied = KeptValidation.Of(before, Validated(before)).Apply(after);
                Assert.Equal(Report(expected), Report(applied));
            }, iter: 20_000, threads: 1, print: t => $"{Report(Folder(t.Shapes))}\nedit of f{t.Index}: {t.Edit}");

        // The property means something only if many edits keep the facts and change the file.
        Assert.True(changed > 2_000, $"{kept} edits kept the facts, {changed} of them changed the file");
    }

    [Fact]
    public void Every_field_validation_reads_counts_as_a_fact()
    {
        var article = Document("f.md", new Shape(0, new ArticleFields("a", 1, "w1", 1, "w1", "uk", "b", 1, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc),
            null, [new RelatedSeed("c", null, null, null, 1)], "Harbour", []), "w1", false, false, ["/media/p.jpg"]));
        var seed = article.Article!;
        SeedDocument With(ArticleSeed changed) => new() { Path = article.Path, Hash = "", Article = changed, Pictures = article.Pictures };

        Assert.True(SeedValidator.SameFacts(article, With(seed with { Headline = "Ferries", Html = "<p>Ferries</p>", Tags = ["x"] })));
        Assert.True(SeedValidator.SameFacts(article, With(seed with { Related = [.. seed.Related, new RelatedSeed(null, "https://example.org/", "T", null, 4)] })));
        Assert.All(
            new[]
            {
                With(seed with { Slug = "b" }), With(seed with { SlugLine = 2 }), With(seed with { AuthorSlug = null }), With(seed with { AuthorLine = 3 }),
                With(seed with { InlineAuthor = null }), With(seed with { Language = null }), With(seed with { TranslationOf = null }),
                With(seed with { TranslationLine = 2 }), With(seed with { PublishedUtc = seed.PublishedUtc.AddDays(1) }),
                With(seed with { UpdatedUtc = seed.PublishedUtc }), With(seed with { Related = [new RelatedSeed("c", null, null, null, 2)] }),
                new SeedDocument { Path = article.Path, Hash = "", Article = seed, Pictures = new HashSet<string>(StringComparer.Ordinal) },
                new SeedDocument { Path = article.Path, Hash = "", Author = new AuthorSeed { Slug = "a", Name = "A", SourcePath = article.Path }, Pictures = article.Pictures },
                null,
            },
            changed => Assert.False(SeedValidator.SameFacts(article, changed)));
    }

    /// <summary>A Markdown file's state: each save changes one part of it, most of them parts validation does not read.</summary>
    private sealed record FileState(int Slug, int Author, int Related, bool Translation, int Body, int Headline, bool Broken, bool Present)
    {
        public string Text()
        {
            if (Broken)
            {
                return "---\nheadline: [unclosed\n---\nBody.\n";
            }

            // Drafts: no stealth-edit warnings, which the store's history decides, not validation.
            var article = new MarkdownArticle($"Headline {Headline}").WithSlug(Slugs[Slug]).AsDraft().WithBody($"Body number {Body}.")
                .WithField($"related:\n  - {Slugs[Related % Slugs.Length]}\n  - nowhere");
            if (Author < Writers.Length)
            {
                article.By(Writers[Author]);
            }

            if (Translation)
            {
                article.WithField($"lang: uk\ntranslation_of: {Slugs[(Slug + 1) % Slugs.Length]}").PublishedOn(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            }

            return article.ToString();
        }
    }

    private static readonly Gen<FileState> States =
        Gen.Select(Gen.Int[0, Slugs.Length - 1], Gen.Int[0, Writers.Length], Gen.Int[0, Slugs.Length - 1], Gen.Int[0, 3])
            .Select((slug, author, related, translation) => new FileState(slug, author, related, translation == 0, 0, 0, false, true));

    /// <summary>(file, part, value): the body or headline (kept facts) four times in seven, else the slug, author, related, a break or a delete.</summary>
    private static readonly Gen<(int File, int Part, int Value)> Saves = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 6], Gen.Int[0, 5]);

    private static FileState Saved(FileState state, int part, int value) => part switch
    {
        0 or 1 => state with { Body = state.Body + 1 },
        2 or 3 => state with { Headline = value },
        4 => state with { Slug = value % Slugs.Length, Present = true, Broken = false },
        5 => state with { Author = value % (Writers.Length + 1), Related = value },
        _ => value % 2 == 0 ? state with { Broken = !state.Broken } : state with { Present = !state.Present },
    };

    [Fact]
    public async Task Saves_in_preview_report_the_problems_check_finds_in_the_folder()
    {
        await Gen.Select(States.Array[4], Saves.Array[1, 10]).SampleAsync(async (states, saves) =>
        {
            using var seeds = SeedFolder.Create().Write("authors/w1.md", "---\nname: W One\n---\nWrites.\n");
            for (var i = 0; i < states.Length; i++)
            {
                seeds.Write($"f{i}.md", states[i].Text());
            }

            using var app = new NewsFeedApp(seeds).InPreview();
            _ = app.Services;
            var import = app.Services.GetRequiredService<SeedImport>();
            foreach (var (file, part, value) in saves)
            {
                var path = $"f{file}.md";
                states[file] = Saved(states[file], part, value);
                if (states[file].Present)
                {
                    seeds.Write(path, states[file].Text());
                }
                else
                {
                    seeds.Delete(path);
                }

                var report = await import.ImportChangesAsync([path], Ct);

                var read = await TestReader.Create().ReadFolderAsync(seeds.Root, Ct);
                var check = SeedValidator.Validate(read);
                Assert.Equal(Report(check.OrderBy(d => d.Path, StringComparer.Ordinal)),
                    string.Join("\n", report.Files.Select(f => $"{f.Path}: {string.Join(" | ", f.Problems)}")));
            }
        }, iter: 8, threads: 1);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
