using System.Globalization;
using Microsoft.Playwright;
using NewsFeed.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace NewsFeed.BrowserTests;

/// <summary>
/// Corrections as a reader meets them, at phone and desktop size: the marked block on a corrected article (each entry's
/// kind, date and text, and the updated date in the byline), then /corrections newest first, its second page, and back
/// to an article from an entry. Every page is checked by <see cref="Reader.CheckPageAsync"/>.
/// </summary>
[Collection(nameof(Journeys))]
public sealed class CorrectionsTests(Chromium chromium, ServedSite site) : IClassFixture<ServedSite>
{
    private const int PageSize = 20;

    private static readonly Newsroom.Story Corrected = Newsroom.Article(2);

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task A_corrected_article_shows_each_correction_with_its_kind_date_and_text_and_its_updated_date(int width, int height)
    {
        var screen = new Screen(width, height);
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, screen, screen.ToString());
        var page = reader.Page;

        await reader.GotoAsync($"/articles/{Corrected.Slug}");

        // A complementary region named by its heading, so a screen reader can jump to it.
        var block = page.GetByRole(AriaRole.Complementary, new() { Name = "Corrections" });
        await Expect(block).ToBeVisibleAsync();
        var entries = block.GetByRole(AriaRole.Listitem);
        await Expect(entries).ToHaveCountAsync(Corrected.Corrections.Count);
        for (var i = 0; i < Corrected.Corrections.Count; i++)
        {
            var note = Corrected.Corrections[i];
            var entry = entries.Nth(i);
            await Expect(entry.Locator("strong")).ToHaveTextAsync(note.Label);
            var time = entry.Locator("time");
            await Expect(time).ToHaveAttributeAsync("datetime", Iso(note.DateUtc));
            await Expect(time).ToHaveTextAsync(Day(note.DateUtc));
            await Expect(entry).ToContainTextAsync(note.Text);
        }

        // The latest correction is the article's last change, and the byline says so.
        var latest = Corrected.Corrections.Max(c => c.DateUtc);
        var updated = page.Locator(".byline .updated");
        await Expect(updated).ToBeVisibleAsync();
        await Expect(updated).ToHaveTextAsync($"Updated {Day(latest)}");
        await Expect(updated.Locator("time")).ToHaveAttributeAsync("datetime", Iso(latest));

        // An article never corrected has neither.
        await reader.GotoAsync($"/articles/{Newsroom.Article(3).Slug}");
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Corrections" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".byline .updated")).ToHaveCountAsync(0);

        await reader.GotoAsync($"/articles/{Corrected.Slug}");
        await block.GetByRole(AriaRole.Link, new() { Name = "All corrections", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/corrections").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Corrections" })).ToBeVisibleAsync();
        await reader.CheckPageAsync();
    }

    [Theory]
    [InlineData(390, 844, true)]
    [InlineData(1280, 900, false)]
    public async Task The_corrections_page_lists_them_newest_first_in_pages_and_leads_to_each_article(int width, int height, bool javaScript)
    {
        var screen = new Screen(width, height);
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, screen, javaScript ? screen.ToString() : $"{screen}-nojs", javaScript);
        var page = reader.Page;
        var all = Newsroom.AllCorrections();
        Assert.Equal(Newsroom.CorrectionCount, all.Count);
        var entries = page.Locator(".correction-list > li");

        await reader.GotoAsync("/corrections");
        await ListsAsync(entries, all.Take(PageSize).ToList());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Newer corrections", Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Show More", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/corrections/page/2").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Corrections, page 2" })).ToBeVisibleAsync();
        await ListsAsync(entries, all.Skip(PageSize).ToList());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Show More", Exact = true })).ToHaveCountAsync(0);
        await reader.CheckPageAsync();

        // From the oldest correction to its article, where the same note is in the block.
        var (story, note) = all[^1];
        await entries.Last.GetByRole(AriaRole.Link, new() { Name = story.Headline, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = story.Headline })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Corrections" })).ToContainTextAsync(note.Text);
        await reader.CheckPageAsync();

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Newer corrections", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/corrections").ToString());
        await Expect(entries).ToHaveCountAsync(PageSize);
        await reader.CheckPageAsync();
    }

    /// <summary>The page's entries are exactly <paramref name="expected"/>, in order: kind, date, article and text.</summary>
    private static async Task ListsAsync(ILocator entries, List<(Newsroom.Story Story, Newsroom.Note Note)> expected)
    {
        await Expect(entries).ToHaveCountAsync(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (story, note) = expected[i];
            var entry = entries.Nth(i);
            await Expect(entry.Locator(".correction-meta strong")).ToHaveTextAsync(note.Label);
            await Expect(entry.Locator("time")).ToHaveAttributeAsync("datetime", Iso(note.DateUtc));
            await Expect(entry.Locator(".correction-article a")).ToHaveTextAsync(story.Headline);
            await Expect(entry.Locator(".correction-article a")).ToHaveAttributeAsync("href", $"/articles/{story.Slug}");
            await Expect(entry.Locator(".correction-text")).ToHaveTextAsync(note.Text);
        }
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateTime utc) => utc.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}
