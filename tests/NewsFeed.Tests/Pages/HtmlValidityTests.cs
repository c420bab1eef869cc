using System.Globalization;
using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// Every page type, as the real app serves it, passes the W3C's Nu Html Checker with no error or warning: articles with and
/// without a hero picture and with corrections, the listings and their second pages, /corrections, search with
/// results and without, /about, the 404 page, and in preview a draft and the problems page. One checker run for all.
/// </summary>
public sealed class HtmlValidityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>25 stories (so listings and /corrections have a second page), with every part an article page can show.</summary>
    private static SeedFolder Newsroom()
    {
        var seeds = SeedFolder.Create()
            .WriteBytes("images/quay.jpg", TestImages.Jpeg(1600, 900))
            .WriteBytes("images/map.jpg", TestImages.Jpeg(1200, 800))
            .WriteBytes("images/ana.png", TestImages.Png(200, 200))
            .Write("authors/ana-li.md", "---\nname: Ana Li\njob_title: Desk editor\navatar: images/ana.png\n---\nAna edits the morning pages.\n")
            .Write("authors/ben-ode.md", "---\nname: Ben Ode\n---\nBen writes the guides.\n")
            .With(new MarkdownArticle("How the desk checks a story")
                .WithSlug("desk-checks")
                .WithDek("Two readers, one checklist.")
                .PublishedOn(new DateTime(2025, 9, 20, 9, 0, 0, DateTimeKind.Utc))
                .By("ana-li").InSection("Guides").Tagged("Editing", "Newsroom")
                .WithField("image:\n  src: images/quay.jpg\n  alt: A desk by the window\n  caption: The morning desk.\n  credit: Ana Li")
                .WithField("related:\n  - story-01\n  - url: https://example.org/style-guide\n    title: The style guide\n    excerpt: How we write.")
                .WithField("corrections:\n  - date: 2025-09-21\n    text: \"The checklist has six steps, not five.\"\n  - date: 2025-09-22\n    kind: update\n    text: \"A seventh step was added.\"")
                .WithBody("Every story is read twice before it goes out.\n\n![The checklist on the wall](images/map.jpg)\n\n" +
                    "| Step | Who |\n| --- | --- |\n| Read | Editor |\n\n> A note from the desk.\n\n```\ncode sample\n```\n\n- one\n- two\n"))
            .With(new MarkdownArticle("A guide without a picture")
                .WithSlug("no-picture")
                .PublishedOn(new DateTime(2025, 9, 19, 9, 0, 0, DateTimeKind.Utc))
                .WithField("updated: 2025-09-25T10:00:00Z")
                .By("ben-ode").InSection("Guides").Tagged("Editing"))
            .With(new MarkdownArticle("A picture that is not there")
                .WithSlug("missing-picture")
                .PublishedOn(new DateTime(2025, 9, 18, 9, 0, 0, DateTimeKind.Utc))
                .WithField("image:\n  src: images/gone.jpg\n  alt: A picture still to come\n  caption: Coming soon."))
            .With(new MarkdownArticle("Draft guide").WithSlug("draft-guide").AsDraft())
            .With(new MarkdownArticle("Як редакція перевіряє матеріал")
                .WithDek("Двоє читачів, один перелік.")
                .PublishedOn(new DateTime(2025, 9, 20, 12, 0, 0, DateTimeKind.Utc))
                .By("ana-li").InSection("Guides").Tagged("Editing", "Редакція")
                .WithField("lang: uk\ntranslation_of: desk-checks")
                .WithField("image:\n  src: images/quay.jpg\n  alt: Стіл біля вікна\n  caption: Ранкова зміна.\n  credit: Ana Li")
                .WithField("corrections:\n  - date: 2025-09-23\n    text: \"У переліку шість кроків, а не п'ять.\"")
                .WithBody("Кожен матеріал читають двічі, перш ніж він вийде.\n\n- перший\n- другий\n"));
        for (var i = 1; i <= 22; i++)
        {
            var day = new DateTime(2025, 8, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(i);
            seeds.With(new MarkdownArticle(string.Create(CultureInfo.InvariantCulture, $"Story {i:00} about the newsroom"))
                .WithSlug(string.Create(CultureInfo.InvariantCulture, $"story-{i:00}"))
                .PublishedOn(day)
                .By("ana-li").InSection("News").Tagged("Newsroom")
                .WithField($"corrections:\n  - date: {day.AddDays(1):yyyy-MM-dd}\n    kind: clarification\n    text: \"The meeting was on the second floor.\"")
                .WithBody("How the newsroom plans its week, one meeting at a time."));
        }

        return seeds;
    }

    private static readonly (string Name, string Path, HttpStatusCode Status)[] PublicPages =
    [
        ("article-corrected-hero", "/articles/desk-checks", HttpStatusCode.OK),
        ("article-no-picture", "/articles/no-picture", HttpStatusCode.OK),
        ("article-missing-picture", "/articles/missing-picture", HttpStatusCode.OK),
        ("home", "/", HttpStatusCode.OK),
        ("home-page-2", "/page/2", HttpStatusCode.OK),
        ("corrections", "/corrections", HttpStatusCode.OK),
        ("corrections-page-2", "/corrections/page/2", HttpStatusCode.OK),
        ("tag", "/tags/newsroom", HttpStatusCode.OK),
        ("tag-page-2", "/tags/newsroom/page/2", HttpStatusCode.OK),
        ("tags", "/tags", HttpStatusCode.OK),
        ("author", "/authors/ana-li", HttpStatusCode.OK),
        ("authors", "/authors", HttpStatusCode.OK),
        ("section", "/sections/guides", HttpStatusCode.OK),
        ("search", "/search?q=newsroom", HttpStatusCode.OK),
        ("search-page-2", "/search?q=newsroom&p=2", HttpStatusCode.OK),
        ("search-no-results", "/search?q=zeppelin", HttpStatusCode.OK),
        ("search-empty", "/search", HttpStatusCode.OK),
        ("about", "/about", HttpStatusCode.OK),
        ("not-found", "/articles/no-such-story", HttpStatusCode.NotFound),
        ("uk-article-translation", "/articles/yak-redaktsiia-pereviriaie-material", HttpStatusCode.OK),
        ("uk-home", "/uk/", HttpStatusCode.OK),
        ("uk-search", "/uk/search?q=редакція", HttpStatusCode.OK),
        ("uk-not-found", "/uk/no-such-page", HttpStatusCode.NotFound),
        ("uk-feed-tag", "/tags/redaktsiia", HttpStatusCode.OK),
    ];

    private static readonly (string Name, string Path, HttpStatusCode Status)[] PreviewPages =
    [
        ("preview-article", "/articles/desk-checks", HttpStatusCode.OK),
        ("preview-draft", "/articles/draft-guide", HttpStatusCode.OK),
        ("preview-home", "/", HttpStatusCode.OK),
        ("preview-problems", "/_preview/problems", HttpStatusCode.OK),
    ];

    [Fact]
    public async Task Every_page_type_passes_the_W3C_Nu_Html_Checker()
    {
        if (NuHtmlChecker.Missing is { } missing)
        {
            Assert.Skip(missing);
        }

        using var seeds = Newsroom();
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var app = new NewsFeedApp(seeds))
        {
            await CollectAsync(app, PublicPages, pages);
        }

        // Preview over the same folder, with a file it cannot import and one with a warning for the problems page.
        seeds.Write("broken.md", "---\nheadline: Broken\npublished: 03/04/2025\n---\nBody.\n")
            .Write("typo.md", "---\nheadline: Typo\nslug: typo\npublished: 2025-01-01\nsectoin: News\n---\nBody.\n");
        using (var preview = new NewsFeedApp(seeds).InPreview())
        {
            await CollectAsync(preview, PreviewPages, pages);
        }

        // A page with a known error and a known warning in the same run: the checker ran, read every file and said what it found.
        pages["canary"] = "<!DOCTYPE html><html lang=\"en\"><head><title>Canary</title></head><body><p><div>Block in a paragraph</p>" +
            "<section><p>A section without a heading.</p></section></body></html>";
        var errors = await NuHtmlChecker.ErrorsAsync(pages, Ct);

        Assert.Contains(errors, e => e.StartsWith("canary:1: error: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("canary:1: warning: Section lacks heading", StringComparison.Ordinal));
        var pageErrors = errors.Where(e => !e.StartsWith("canary:", StringComparison.Ordinal)).ToList();
        Assert.True(pageErrors.Count == 0, $"The Nu Html Checker found {pageErrors.Count} errors and warnings:\n" + string.Join("\n", pageErrors));
    }

    private static async Task CollectAsync(NewsFeedApp app, (string Name, string Path, HttpStatusCode Status)[] paths, Dictionary<string, string> pages)
    {
        using var client = app.CreateClient();
        foreach (var (name, path, status) in paths)
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == status, $"GET {path} answered {(int)response.StatusCode}");
            pages[name] = await response.Content.ReadAsStringAsync(Ct);
        }
    }
}
