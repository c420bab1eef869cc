using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// The page chrome in the language of what the page shows, through the real app: a <c>lang: uk</c> article, the
/// <c>/uk/</c> front page, <c>/uk/search</c> and a 404 under <c>/uk/</c> in Ukrainian (words, dates, counted phrases),
/// and the English pages beside them as they were.
/// </summary>
public sealed class LanguageChromeTests(LanguageChromeTests.Site site) : IClassFixture<LanguageChromeTests.Site>
{
    /// <summary>English chrome words none of a Ukrainian page's chrome may still say.</summary>
    private static readonly string[] EnglishChrome =
        ["Skip to content", "Search", "Latest", "Sections", "About", "Authors", "Tags", "Corrections", "RSS feed", "JSON feed", "min read", "By ", "Updated", "Read more", "Show More", "Newer"];

    /// <summary>Where a page's chrome is (the site's name and the link to the English edition aside).</summary>
    private static readonly string[] ChromeParts =
        ["a.skip-link", "header .site-search", "nav.site-nav", "footer nav", ".byline", ".card-meta", "nav.pager", ".related h2", "aside.corrections h2"];

    [Fact]
    public async Task A_Ukrainian_article_has_its_byline_dates_reading_time_and_labels_in_Ukrainian()
    {
        var page = await site.App.GetPageAsync("/articles/rozklad");

        Assert.Equal("uk", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Автор: Олена Коваль", Squeezed(page.One(".byline-author")));
        var published = page.One(".byline time.published");
        Assert.Equal("2025-09-15T08:00:00Z", published.GetAttribute("datetime"));
        Assert.Equal("15 вересня 2025", published.Text());
        Assert.Equal("Оновлено 18 вересня 2025", Squeezed(page.One(".byline .updated")));
        Assert.Equal("2 хв читання", page.One(".reading-time").Text());

        var corrections = page.One("aside.corrections");
        Assert.Equal("Виправлення", corrections.One("h2").Text());
        Assert.Equal(["Виправлення", "Уточнення", "Оновлення"], corrections.QuerySelectorAll("li strong").Select(s => s.Text()));
        Assert.Equal(["16 вересня 2025", "17 вересня 2025", "18 вересня 2025"], corrections.QuerySelectorAll("li time").Select(t => t.Text()));
        Assert.Equal("Усі виправлення", corrections.One(".corrections-all a").Text());
        Assert.Equal("Читайте також", page.One(".related h2").Text());
        Assert.Equal("Теги", page.One("nav.story-tags").GetAttribute("aria-label"));
        Assert.Equal("Іншими мовами", page.One("nav.story-translations").GetAttribute("aria-label"));

        // The article's data keeps its English labels, as its feed items do.
        using var data = JsonDocument.Parse(page.One("script[type='application/ld+json']").TextContent);
        Assert.StartsWith("Correction: ", data.RootElement.GetProperty("correction")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/articles/rozklad")]
    [InlineData("/uk/")]
    [InlineData("/uk/page/2")]
    [InlineData("/uk/search?q=дельта")]
    public async Task A_Ukrainian_page_has_its_header_nav_footer_and_pager_in_Ukrainian(string url)
    {
        var page = await site.App.GetPageAsync(url);

        Assert.Equal("uk", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Перейти до вмісту", page.One("a.skip-link").Text());
        var search = page.One("header form[role=search]");
        Assert.Equal("/uk/search", search.GetAttribute("action"));
        Assert.Equal("Пошук статей", search.One("label").Text());
        Assert.Equal("Пошук", search.One("input").GetAttribute("placeholder"));
        Assert.Equal("Шукати", search.One("button").Text());
        Assert.Equal("/uk/", page.One("a.site-name").GetAttribute("href"));
        var nav = page.One("nav.site-nav");
        Assert.Equal("Розділи", nav.GetAttribute("aria-label"));
        Assert.Equal(("Останнє", "/uk/"), (nav.QuerySelectorAll("a")[0].Text(), nav.QuerySelectorAll("a")[0].GetAttribute("href")));
        var footer = page.One("footer nav");
        Assert.Equal("Сайт", footer.GetAttribute("aria-label"));
        Assert.Equal(
            ["Про сайт", "Автори", "Теги", "Виправлення", "RSS-стрічка", "JSON-стрічка"],
            footer.QuerySelectorAll("a").Select(a => a.Text()));
        Assert.Equal(["/uk/feed.xml", "/uk/feed.json"], footer.QuerySelectorAll("a[type]").Select(a => a.GetAttribute("href")));

        // The link to the other edition reads in its own language, and says so.
        var other = page.One("nav.site-editions a");
        Assert.Equal(("English", "/", "en", "en"), (other.Text(), other.GetAttribute("href"), other.GetAttribute("lang"), other.GetAttribute("hreflang")));
        Assert.Equal("Мови", page.One("nav.site-editions").GetAttribute("aria-label"));

        var chrome = string.Join(" ", ChromeParts.SelectMany(page.QuerySelectorAll).Select(e => e.TextContent));
        Assert.All(EnglishChrome, english => Assert.DoesNotContain(english, chrome, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Ukrainian_front_page_pages_with_Show_More_and_counts_in_Ukrainian()
    {
        var first = await site.App.GetPageAsync("/uk/");

        Assert.Equal("Останні новини", first.One("h1").Text());
        Assert.Equal(20, first.QuerySelectorAll(".feed > li").Length);
        Assert.All(first.QuerySelectorAll(".card-reading"), r => Assert.Matches("^[0-9]+ хв читання$", r.Text()));
        Assert.All(first.QuerySelectorAll(".card-meta time"), t => Assert.Matches("^[0-9]{1,2} [а-яіїєґ]+ 2025$", t.Text()));
        var pager = first.One("nav.pager");
        Assert.Equal("Сторінки", pager.GetAttribute("aria-label"));
        var more = pager.One("a[data-show-more]");
        Assert.Equal(("Показати ще", "/uk/page/2"), (more.Text(), more.GetAttribute("href")));
        // What site.js says when it has appended them, in each of the language's plural forms.
        var loaded = JsonSerializer.Deserialize<Dictionary<string, string>>(first.One("[data-feed-status]").GetAttribute("data-loaded")!)!;
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["one"] = "Завантажено ще {0} статтю.",
                ["few"] = "Завантажено ще {0} статті.",
                ["many"] = "Завантажено ще {0} статей.",
            },
            loaded);

        var second = await site.App.GetPageAsync("/uk/page/2");
        Assert.Equal("Останні новини, сторінка 2", second.One("h1").Text());
        Assert.StartsWith("Останні новини, сторінка 2 | ", second.Title, StringComparison.Ordinal);
        Assert.Equal(("Новіші статті", "/uk/"), (second.One("a.pager-previous").Text(), second.One("a.pager-previous").GetAttribute("href")));
    }

    [Theory]
    [InlineData("альфа", "1 результат за запитом «альфа»")]
    [InlineData("бета", "2 результати за запитом «бета»")]
    [InlineData("гамма", "5 результатів за запитом «гамма»")]
    [InlineData("дельта", "21 результат за запитом «дельта»")]
    public async Task Ukrainian_search_counts_its_results_in_the_right_plural_form(string query, string summary)
    {
        var page = await site.App.GetPageAsync($"/uk/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(summary, page.One(".search-summary").Text());
        Assert.Equal("Пошук", page.One("h1").Text());
        Assert.Equal("Що шукати", page.One("form.search-page-form label").Text());
        Assert.Equal("/uk/search", page.One("form.search-page-form").GetAttribute("action"));
        Assert.All(page.QuerySelectorAll(".search-results .card-reading"), r => Assert.EndsWith(" хв читання", r.Text(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ukrainian_search_pages_stay_in_Ukrainian_and_say_when_nothing_matched()
    {
        var first = await site.App.GetPageAsync("/uk/search?q=дельта");
        var more = first.One("a[data-show-more]");
        Assert.Equal("Показати ще", more.Text());
        var next = more.GetAttribute("href")!;
        Assert.StartsWith("/uk/search?q=", next, StringComparison.Ordinal);

        var second = await site.App.GetPageAsync(next);
        Assert.Equal("uk", second.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Попередні результати", second.One("a.pager-previous").Text());

        var none = await site.App.GetPageAsync("/uk/search?q=омега");
        Assert.Equal("За запитом «омега» нічого не знайдено. Спробуйте менше слів або інші слова.", none.One(".search-summary").Text());
        var empty = await site.App.GetPageAsync("/uk/search");
        Assert.StartsWith("Введіть кілька слів", empty.One(".search-hint").Text(), StringComparison.Ordinal);
        Assert.Equal("Пошук", empty.Title!.Split(" | ")[0]);
    }

    [Theory]
    [InlineData("/uk/no-such-page")]
    [InlineData("/uk/page/99")]
    [InlineData("/uk/search?q=дельта&p=9")]
    public async Task A_missing_page_under_the_Ukrainian_prefix_is_a_Ukrainian_404(string url)
    {
        var page = await NotFoundAsync(url);

        Assert.Equal("uk", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Помилка 404", page.One(".page-kicker").Text());
        Assert.Equal("Сторінку не знайдено", page.One("h1").Text());
        Assert.StartsWith("За цією адресою сторінки немає.", page.One(".error-page h1 + p").Text(), StringComparison.Ordinal);
        Assert.Equal("Пошук на сайті", page.One("form.error-search label").Text());
        Assert.Equal("/uk/search", page.One("form.error-search").GetAttribute("action"));
        var home = page.One(".error-page p > a");
        Assert.Equal(("До останніх новин", "/uk/"), (home.Text(), home.GetAttribute("href")));
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/ukraine/no-such-page")]
    [InlineData("/articles/no-such-article")]
    public async Task Any_other_missing_page_is_the_English_404(string url)
    {
        var page = await NotFoundAsync(url);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Error 404", page.One(".page-kicker").Text());
        Assert.Equal("Page not found", page.One("h1").Text());
        Assert.Equal(("Go to the latest news", "/"), (page.One(".error-page p > a").Text(), page.One(".error-page p > a").GetAttribute("href")));
    }

    [Fact]
    public async Task English_pages_beside_them_keep_their_English_chrome_and_dates()
    {
        // After a Ukrainian page on the same host: nothing of its culture stays behind.
        _ = await site.App.GetPageAsync("/articles/rozklad");
        var article = await site.App.GetPageAsync("/articles/timetable");

        Assert.Equal("en", article.DocumentElement.GetAttribute("lang"));
        Assert.Equal("By Ana Li", Squeezed(article.One(".byline-author")));
        Assert.Equal("September 15, 2025", article.One(".byline time.published").Text());
        Assert.Equal("2 min read", article.One(".reading-time").Text());
        Assert.Equal("Other languages", article.One("nav.story-translations").GetAttribute("aria-label"));
        Assert.Equal("Skip to content", article.One("a.skip-link").Text());
        Assert.Equal("/search", article.One("header form[role=search]").GetAttribute("action"));
        var other = article.One("nav.site-editions a");
        Assert.Equal(("Українська", "/uk/", "uk", "uk"), (other.Text(), other.GetAttribute("href"), other.GetAttribute("lang"), other.GetAttribute("hreflang")));

        var home = await site.App.GetPageAsync("/");
        Assert.Equal("Latest news", home.One("h1").Text());
        Assert.Equal(("Latest", "/"), (home.One("nav.site-nav a").Text(), home.One("nav.site-nav a").GetAttribute("href")));
        var loaded = JsonSerializer.Deserialize<Dictionary<string, string>>(home.One("[data-feed-status]").GetAttribute("data-loaded")!)!;
        Assert.Equal(new Dictionary<string, string> { ["one"] = "{0} more article loaded.", ["other"] = "{0} more articles loaded." }, loaded);

        var search = await site.App.GetPageAsync("/search?q=gamma");
        Assert.Equal("en", search.DocumentElement.GetAttribute("lang"));
        Assert.Equal("1 result for “gamma”", search.One(".search-summary").Text());
        // The same search in Ukrainian finds the same articles: the edition is the page's language, not a filter.
        Assert.Equal("1 результат за запитом «gamma»", (await site.App.GetPageAsync("/uk/search?q=gamma")).One(".search-summary").Text());
    }

    private async Task<IHtmlDocument> NotFoundAsync(string url)
    {
        using var client = site.App.CreateClient();
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return await NewsFeedApp.ParseAsync(response);
    }

    /// <summary>The element's text with its runs of white space (Razor's line breaks) read as one space.</summary>
    private static string Squeezed(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public sealed class Site : IDisposable
    {
        private static readonly DateTime Published = new(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc);

        // About 500 words: two minutes at 275 a minute.
        private static readonly string UkrainianBody = string.Join(
            " ", Enumerable.Repeat("Редактори планують публікації на тиждень уперед і перевіряють кожен текст перед виходом.", 42));

        private static readonly string EnglishBody = string.Join(
            " ", Enumerable.Repeat("Editors plan the week ahead and check every text before it goes out to readers.", 34));

        private readonly SeedFolder _seeds;

        public Site()
        {
            _seeds = SeedFolder.Create()
                .Write("authors/olena-koval.md", "---\nname: Олена Коваль\n---\nОлена редагує розділ про роботу редакції.\n")
                .Write("authors/ana-li.md", "---\nname: Ana Li\n---\nAna edits the newsroom desk.\n")
                .With(new MarkdownArticle("Як редакція складає розклад публікацій").WithSlug("rozklad").By("olena-koval").Tagged("Редакція")
                    .PublishedOn(Published).WithBody(UkrainianBody)
                    .WithField("lang: uk\ntranslation_of: timetable\ncorrections:\n"
                        + "  - date: 2025-09-16\n    kind: correction\n    text: \"Розклад оновлюють щопонеділка.\"\n"
                        + "  - date: 2025-09-17\n    kind: clarification\n    text: \"Йдеться про вечірні випуски.\"\n"
                        + "  - date: 2025-09-18\n    kind: update\n    text: \"Додано розклад на вихідні.\"\n"))
                .With(new MarkdownArticle("How the desk plans its timetable").WithSlug("timetable").By("ana-li").PublishedOn(Published)
                    .WithBody(EnglishBody + " gamma"));
            // 21 more in Ukrainian: the edition's front page and its search have a second page. "альфа" is in one of them,
            // "бета" in two, "гамма" in five, "дельта" in all 21: one form each of 1, 2, 5 and 21.
            for (var i = 1; i <= 21; i++)
            {
                var words = string.Join(' ', new[] { (1, "альфа"), (2, "бета"), (5, "гамма"), (21, "дельта") }.Where(m => i <= m.Item1).Select(m => m.Item2));
                var note = new MarkdownArticle($"Нотатка редакції {i}").WithSlug($"notatka-{i}");
                _seeds.With((i == 1 ? note.Tagged("Редакція") : note)
                    .PublishedOn(new DateTime(2025, 9, i, 7, 0, 0, DateTimeKind.Utc)).WithBody($"Короткий текст про роботу редакції, {words}.")
                    .WithField("lang: uk"));
            }

            App = new NewsFeedApp(_seeds);
        }

        public NewsFeedApp App { get; }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
