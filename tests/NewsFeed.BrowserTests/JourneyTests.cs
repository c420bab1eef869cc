using Microsoft.Playwright;
using NewsFeed.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace NewsFeed.BrowserTests;

/// <summary>
/// A reader's way through the site at phone and desktop size, with and without JavaScript: the feed to its end,
/// an article, its author, a tag, a search from the header and one of its results. Every page is checked by
/// <see cref="Reader.CheckPageAsync"/> (no console errors or failed requests, no sideways scrolling on a phone, a screenshot).
/// </summary>
[Collection(nameof(Journeys))]
public sealed class JourneyTests(Chromium chromium, ServedSite site) : IClassFixture<ServedSite>
{
    private static readonly Newsroom.Story Last = Newsroom.Article(41);

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task A_reader_shows_more_until_the_end_then_reads_an_article_its_author_a_tag_and_a_search(int width, int height)
    {
        var screen = new Screen(width, height);
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, screen, screen.ToString());
        var page = reader.Page;
        var teasers = page.Locator("[data-feed] > li");
        var showMore = page.GetByRole(AriaRole.Link, new() { Name = "Show More", Exact = true });

        await reader.GotoAsync("/");
        await Expect(teasers).ToHaveCountAsync(20);

        await showMore.ClickAsync();
        await Expect(teasers).ToHaveCountAsync(40);
        await Expect(HeadlineLink(page, 21)).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("20 more articles loaded.");
        await Expect(showMore).ToBeVisibleAsync();
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await reader.CheckPageAsync();

        await showMore.ClickAsync();
        await Expect(teasers).ToHaveCountAsync(Newsroom.ArticleCount);
        await Expect(HeadlineLink(page, 41)).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("5 more articles loaded.");
        await Expect(showMore).ToHaveCountAsync(0);
        await reader.CheckPageAsync();

        await HeadlineLink(page, 41).ClickAsync();
        await ReadsArticleThenAuthorTagAndSearchAsync(reader);
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task Without_JavaScript_the_pagination_links_lead_through_every_page_and_the_journey_still_works(int width, int height)
    {
        var screen = new Screen(width, height);
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, screen, $"{screen}-nojs", javaScript: false);
        var page = reader.Page;
        var teasers = page.Locator("[data-feed] > li");
        var showMore = page.GetByRole(AriaRole.Link, new() { Name = "Show More", Exact = true });
        var newer = page.GetByRole(AriaRole.Link, new() { Name = "Newer articles", Exact = true });

        await reader.GotoAsync("/");
        await Expect(teasers).ToHaveCountAsync(20);
        await Expect(newer).ToHaveCountAsync(0);

        // Forward to the end and back again, by the links alone.
        (string Path, int Teasers, int First)[] pages = [("/page/2", 20, 21), ("/page/3", 5, 41)];
        foreach (var (path, count, first) in pages)
        {
            await showMore.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, path).ToString());
            await Expect(teasers).ToHaveCountAsync(count);
            await Expect(HeadlineLink(page, first)).ToBeVisibleAsync();
            await reader.CheckPageAsync();
        }

        await Expect(showMore).ToHaveCountAsync(0);
        foreach (var path in new[] { "/page/2", "/" })
        {
            await newer.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, path).ToString());
            await reader.CheckPageAsync();
        }

        await showMore.ClickAsync();
        await showMore.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, "/page/3").ToString());
        await HeadlineLink(page, 41).ClickAsync();
        await ReadsArticleThenAuthorTagAndSearchAsync(reader);
    }

    [Fact]
    public async Task A_Ukrainian_reader_shows_more_searches_and_reads_in_Ukrainian()
    {
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, Screen.Desktop, "uk");
        var page = reader.Page;
        var teasers = page.Locator("[data-feed] > li");

        await reader.GotoAsync("/uk/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Останні новини" })).ToBeVisibleAsync();
        await Expect(teasers).ToHaveCountAsync(20);
        await page.GetByRole(AriaRole.Link, new() { Name = "Показати ще", Exact = true }).ClickAsync();
        await Expect(teasers).ToHaveCountAsync(Newsroom.UkrainianCount);
        // Two is the "few" form, which English does not have: site.js took it from the page by Intl.PluralRules.
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Завантажено ще 2 статті.");
        await reader.CheckPageAsync();

        var searchBox = page.GetByRole(AriaRole.Searchbox, new() { Name = "Пошук статей" });
        await searchBox.FillAsync(Newsroom.UkrainianSearchWord);
        await searchBox.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Пошук" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"{Newsroom.UkrainianLighthouseStories.Length} результати за запитом «{Newsroom.UkrainianSearchWord}»")).ToBeVisibleAsync();
        await reader.CheckPageAsync();

        var headline = Newsroom.UkrainianHeadline(Newsroom.UkrainianLighthouseStories[0]);
        await page.GetByRole(AriaRole.Link, new() { Name = headline, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = headline })).ToBeVisibleAsync();
        await Expect(page.Locator(".byline time.published")).ToHaveTextAsync("1 березня 2025");
        await reader.CheckPageAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Мови" }).GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Latest news" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reader_follows_a_story_from_English_to_Ukrainian_and_back()
    {
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, Screen.Phone, "translation");
        var page = reader.Page;
        var english = Newsroom.Article(Newsroom.TranslatedStory);

        await reader.GotoAsync($"/articles/{english.Slug}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Other languages" }).GetByRole(AriaRole.Link, new() { Name = "Українська", Exact = true }).ClickAsync();

        var headline = Newsroom.UkrainianHeadline(Newsroom.TranslatedStory);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = headline })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await Expect(page.Locator(".byline time.published")).ToHaveTextAsync("1 березня 2025");
        await reader.CheckPageAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Іншими мовами" }).GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = english.Headline })).ToBeVisibleAsync();
        await Expect(page.Locator(".byline time.published")).ToHaveTextAsync("March 1, 2025");
        await reader.CheckPageAsync();
    }

    /// <summary>From the teaser of <see cref="Last"/>: the article, its author's page, back, its tag, a search, a result, a 404.</summary>
    private async Task ReadsArticleThenAuthorTagAndSearchAsync(Reader reader)
    {
        var page = reader.Page;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Last.Headline })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Uri(site.BaseAddress, $"/articles/{Last.Slug}").ToString());
        await reader.CheckPageAsync();

        await page.Locator(".byline").GetByRole(AriaRole.Link, new() { Name = Last.AuthorName, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Last.AuthorName })).ToBeVisibleAsync();
        await reader.CheckPageAsync();

        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Tags" }).GetByRole(AriaRole.Link, new() { Name = Last.Tag, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Last.Tag })).ToBeVisibleAsync();
        await Expect(HeadlineLink(page, 41)).ToBeVisibleAsync();
        await reader.CheckPageAsync();

        var searchBox = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search articles" });
        await searchBox.FillAsync(Newsroom.SearchWord);
        await searchBox.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Search" })).ToBeVisibleAsync();
        await Expect(page.GetByText($"{Newsroom.LighthouseStories.Length} results for “{Newsroom.SearchWord}”")).ToBeVisibleAsync();
        await reader.CheckPageAsync();

        var result = Newsroom.Article(Newsroom.LighthouseStories[1]);
        await page.GetByRole(AriaRole.Link, new() { Name = result.Headline, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = result.Headline })).ToBeVisibleAsync();
        await Expect(page.GetByText("The old lighthouse was lit again")).ToBeVisibleAsync();
        await reader.CheckPageAsync();

        await reader.GotoAsync("/articles/no-such-story", status: 404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Page not found" })).ToBeVisibleAsync();
    }

    private static ILocator HeadlineLink(IPage page, int story) =>
        page.GetByRole(AriaRole.Link, new() { Name = Newsroom.Article(story).Headline, Exact = true });
}
