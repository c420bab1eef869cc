using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Data;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// Preview's change imports take the store's file facts and view keys from what the last import committed
/// (<see cref="StoreSnapshot"/>) instead of reading every row. That memory must be the store, after every kind of
/// change, and must never stand for a store another writer has changed since.
/// </summary>
public sealed class StoreSnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Slugs = ["one", "two", "three", "four"];
    private static readonly string[] Tags = ["Port", "Roads", "Rail"];
    private static readonly string[] Authors = ["jo", "sam"];

    /// <summary>One save: an article file written (slug, tags, author, related, draft), deleted or broken; an author file written or deleted.</summary>
    private sealed record Edit(int Kind, int File, int Slug, int TagMask, int Author, int Related, bool Draft, int Name)
    {
        public string Path => Kind >= 3 ? $"authors/{Authors[File % 2]}.md" : $"a{File}.md";

        public void Apply(SeedFolder seeds)
        {
            switch (Kind)
            {
                case 0:
                    var article = new MarkdownArticle($"Story {Slug} {Name}").WithSlug(Slugs[Slug])
                        .Tagged([.. Tags.Where((_, i) => (TagMask & (1 << i)) != 0)])
                        .PublishedOn(new DateTime(2025, 3, 1 + File + Name, 9, 0, 0, DateTimeKind.Utc))
                        .WithField($"related:\n  - {Slugs[Related % Slugs.Length]}");
                    if (Author < Authors.Length)
                    {
                        article.By(Authors[Author]);
                    }

                    seeds.Write(Path, (Draft ? article.AsDraft() : article).ToString());
                    break;
                case 1:
                    seeds.Delete(Path);
                    break;
                case 2:
                    seeds.Write(Path, "---\nheadline: Broken\ndraft: yes\n---\nBody.\n");
                    break;
                case 3:
                    seeds.Write(Path, $"---\nname: {Authors[File % 2]} {Name}\n---\nWrites.\n");
                    break;
                default:
                    seeds.Delete(Path);
                    break;
            }
        }
    }

    private static readonly Gen<Edit> Edits = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 7])
        .Select(Gen.Int[0, 2], Gen.Int[0, 4], Gen.Bool, Gen.Int[0, 1],
            (a, author, related, draft, name) => new Edit(a.Item1, a.Item2, a.Item3, a.Item4, author, related, draft, name));

    [Fact]
    public async Task After_any_sequence_of_saves_the_snapshot_is_what_the_store_holds()
    {
        await Edits.Array[1, 12].SampleAsync(async edits =>
        {
            using var seeds = SeedFolder.Create()
                .Write("authors/jo.md", "---\nname: Jo\n---\nWrites.\n")
                .With(new MarkdownArticle("First").WithSlug("one").Tagged("Port").By("jo"));
            using var app = new NewsFeedApp(seeds).InPreview();
            await app.GetPageAsync("/");
            var import = app.Services.GetRequiredService<SeedImport>();
            foreach (var edit in edits)
            {
                edit.Apply(seeds);
                await import.ImportChangesAsync([edit.Path], Ct);
                await AssertSnapshotIsStoreAsync(app, import);
            }
        }, iter: 6, threads: 1);
    }

    [Fact]
    public async Task A_store_changed_by_another_instance_is_read_again_not_remembered()
    {
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Story").WithSlug("story").WithBody("Preview's version."))
            .With(new MarkdownArticle("Other").WithSlug("other"));
        using var elsewhere = SeedFolder.Create()
            .With(new MarkdownArticle("Story").WithSlug("story").WithBody("Another checkout's version."))
            .With(new MarkdownArticle("Other").WithSlug("other"));
        using var preview = new NewsFeedApp(seeds).InPreview();
        Assert.Equal("Preview's version.", (await preview.GetPageAsync("/articles/story")).One(".story-body p").Text());

        // Another instance on the same store imports its own folder: story.md differs there.
        using (var instance = new NewsFeedApp(elsewhere, preview.DatabasePath))
        {
            Assert.Equal("Another checkout's version.", (await instance.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }

        // A save of another file in preview: its folder's story.md is what the store must hold again.
        seeds.With(new MarkdownArticle("Other").WithSlug("other").WithBody("Saved again."));
        var import = preview.Services.GetRequiredService<SeedImport>();
        await import.ImportChangesAsync(["other.md"], Ct);

        Assert.Equal("Preview's version.", (await preview.GetPageAsync("/articles/story")).One(".story-body p").Text());
        await AssertSnapshotIsStoreAsync(preview, import);
    }

    private static async Task AssertSnapshotIsStoreAsync(NewsFeedApp app, SeedImport import)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var stamp = await db.StoreInfo.Where(i => i.Key == StoreSnapshots.StampKey).Select(i => i.Value).SingleAsync(Ct);
        var snapshot = import.Snapshots.At(stamp);
        Assert.NotNull(snapshot);

        var articles = await db.Articles.Select(a => new StoredArticle(a.Id, a.SourcePath, a.Slug, a.ContentHash, a.AuthorId)).ToListAsync(Ct);
        Assert.Equal(articles.OrderBy(a => a.Id), snapshot.Articles.Values.OrderBy(a => a.Id));
        Assert.All(snapshot.Articles, a => Assert.Equal(a.Key, a.Value.SourcePath));

        var views = await db.ArticleViews.Select(v => new { v.ArticleId, v.Keys }).ToListAsync(Ct);
        Assert.Equal(views.OrderBy(v => v.ArticleId).Select(v => (v.ArticleId, v.Keys)), snapshot.ViewKeys.OrderBy(v => v.Key).Select(v => (v.Key, v.Value)));
    }
}
