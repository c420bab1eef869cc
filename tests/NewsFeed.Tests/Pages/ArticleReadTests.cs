using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Data;
using NewsFeed.Web.Pages.Articles;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// The article page's read: on SQLite a statement kept prepared on connections of its own, elsewhere EF's compiled
/// query. Both must read the same thing, and a kept statement must never read an old version.
/// </summary>
public sealed class ArticleReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SeedFolder Newsroom() => SeedFolder.Create()
        .WithOriginal()
        .Write("authors/jo.md", "---\nname: Jo Writer\njob_title: Reporter\n---\nJo writes.\n")
        .With(new MarkdownArticle("Harbour «works» & <more>").WithSlug("harbour").By("jo").Tagged("port").WithDek("A dek.")
            .WithField("corrections:\n  - date: 2025-03-02\n    text: A date was wrong."))
        .With(new MarkdownArticle("Ferry").WithSlug("ferry").Tagged("port").AsDraft())
        .With(new MarkdownArticle("Bridge").WithSlug("bridge").PublishedOn(DateTime.UtcNow.AddDays(3)));

    [Fact]
    public async Task The_prepared_read_reads_every_article_as_EFs_query_does_and_nothing_for_an_unknown_slug()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds);
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var read = app.Services.GetRequiredService<ArticleRead>();

        var slugs = await db.Articles.Select(a => a.Slug).ToListAsync(Ct);
        Assert.True(slugs.Count >= 4, string.Join(", ", slugs));
        foreach (var slug in slugs)
        {
            var expected = await ArticleRead.Compiled(db, slug, Ct);
            Assert.NotNull(expected?.Head);
            Assert.Equal(expected, await read.BySlugAsync(db, slug, Ct));
        }

        Assert.Null(await read.BySlugAsync(db, "no-such-article", Ct));
        Assert.Null(await read.BySlugAsync(db, "' OR 1=1 --", Ct));
    }

    [Fact]
    public async Task A_kept_statement_reads_what_the_last_import_wrote()
    {
        using var seeds = Newsroom();
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:OutputCache:Enabled", "false");
        Assert.Equal("Harbour «works» & <more>", (await app.GetPageAsync("/articles/harbour")).One("h1").TextContent);

        for (var edit = 1; edit <= 3; edit++)
        {
            seeds.With(new MarkdownArticle($"Harbour, edit {edit}").WithSlug("harbour").By("jo").Tagged("port"));
            await app.Services.GetRequiredService<SeedImport>().RunAsync(Ct);

            // Several reads at once, so more than one kept connection serves them.
            var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.GetPageAsync("/articles/harbour")));
            Assert.All(pages, page => Assert.Equal($"Harbour, edit {edit}", page.One("h1").TextContent));
        }
    }
}
