using Microsoft.AspNetCore.Mvc.Testing;
using NewsFeed.Tests.Feeds;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// "Read more" is resolved at import and chosen per request: who may see a candidate is decided when the page is shown,
/// so a scheduled article joins the list when it comes due (no import runs then), and preview shows drafts.
/// </summary>
public sealed class ReadMoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly SeedFolder _seeds = SeedFolder.Create()
        .With(new MarkdownArticle("Main story").WithSlug("main").Tagged("Water").PublishedOn(Now.UtcDateTime.AddDays(-10))
            .WithField("related:\n  - coming-soon"))
        .With(new MarkdownArticle("Older water").WithSlug("older").Tagged("Water").PublishedOn(Now.UtcDateTime.AddDays(-5)))
        .With(new MarkdownArticle("Later water").WithSlug("later").Tagged("Water").PublishedOn(Now.UtcDateTime.AddHours(1)))
        .With(new MarkdownArticle("Coming soon").WithSlug("coming-soon").PublishedOn(Now.UtcDateTime.AddHours(2)))
        .With(new MarkdownArticle("Draft water").WithSlug("draft").Tagged("Water").AsDraft().PublishedOn(Now.UtcDateTime.AddDays(-1)));

    public void Dispose() => _seeds.Dispose();

    [Fact]
    public async Task Scheduled_articles_join_when_due_and_drafts_only_in_preview()
    {
        using var app = new NewsFeedApp(_seeds).WithSetting("NewsFeed:OutputCache:Enabled", "false");

        // Imported (and "Read more" resolved) at Now; the same store shown at later times without another import.
        Assert.Equal(["Older water"], await ReadMoreAsync(app.At(Now)));
        Assert.Equal(["Later water", "Older water"], await ReadMoreAsync(app.At(Now.AddMinutes(90))));
        Assert.Equal(["Coming soon", "Later water", "Older water"], await ReadMoreAsync(app.At(Now.AddHours(3))));

        using var preview = new NewsFeedApp(_seeds, Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "preview.db")).InPreview();
        Assert.Equal(["Coming soon", "Later water", "Draft water", "Older water"], await ReadMoreAsync(preview.At(Now)));
    }

    [Fact]
    public async Task A_tag_crowded_with_newer_drafts_and_scheduled_articles_still_fills_the_list_with_its_public_ones()
    {
        // Far more articles on the way than "Read more" shows, all newer than the public ones, so a tag's newest are not enough.
        using var crowded = SeedFolder.Create()
            .With(new MarkdownArticle("Main story").WithSlug("main").Tagged("Crowd").PublishedOn(Now.UtcDateTime.AddDays(-30)));
        for (var i = 1; i <= 15; i++)
        {
            crowded.With(new MarkdownArticle($"Draft {i}").WithSlug($"draft-{i}").Tagged("Crowd").AsDraft().PublishedOn(Now.UtcDateTime.AddDays(-1)));
            crowded.With(new MarkdownArticle($"Scheduled {i}").WithSlug($"scheduled-{i}").Tagged("Crowd").PublishedOn(Now.UtcDateTime.AddHours(i)));
        }

        for (var i = 1; i <= 6; i++)
        {
            crowded.With(new MarkdownArticle($"Public {i}").WithSlug($"public-{i}").Tagged("Crowd").PublishedOn(Now.UtcDateTime.AddDays(-10 - i)));
        }

        using var app = new NewsFeedApp(crowded).WithSetting("NewsFeed:OutputCache:Enabled", "false");
        Assert.Equal(["Public 1", "Public 2", "Public 3", "Public 4"], await ReadMoreAsync(app.At(Now)));
        // The scheduled ones join as they come due, without another import: they were kept as candidates.
        Assert.Equal(["Scheduled 2", "Scheduled 1", "Public 1", "Public 2"], await ReadMoreAsync(app.At(Now.AddMinutes(150))));
        Assert.Equal(["Scheduled 15", "Scheduled 14", "Scheduled 13", "Scheduled 12"], await ReadMoreAsync(app.At(Now.AddDays(1))));
    }

    private static async Task<string[]> ReadMoreAsync(WebApplicationFactory<Program> app)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/articles/main", TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"/articles/main answered {(int)response.StatusCode}");
        var page = await NewsFeedApp.ParseAsync(response);
        return [.. page.QuerySelectorAll(".related-item .related-title").Select(e => e.TextContent.Trim())];
    }
}
