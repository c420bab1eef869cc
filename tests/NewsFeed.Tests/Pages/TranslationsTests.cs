using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Feeds;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// <c>lang:</c> and <c>translation_of:</c> through the real app: each page in its language, linked both ways (visible link
/// and hreflang), each edition's front page and feeds, the sitemap's alternates, and the errors of broken pairs.
/// </summary>
public sealed class TranslationsTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Published = new(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc);
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MarkdownArticle English(string slug) =>
        new MarkdownArticle($"How the desk checks a {slug}").WithSlug(slug).PublishedOn(Published).Tagged("desk");

    private static MarkdownArticle Ukrainian(string slug, string? of, DateTime? published = null) =>
        new MarkdownArticle($"Як редакція перевіряє {slug}").WithSlug(slug).PublishedOn(published ?? Published.AddHours(2)).Tagged("desk")
            .WithField(of is null ? "lang: uk" : $"lang: uk\ntranslation_of: {of}");

    private static SeedFolder Pair() => SeedFolder.Create()
        .With(English("timetable"))
        .With(Ukrainian("rozklad", "timetable"))
        .With(English("untranslated"));

    [Fact]
    public async Task The_original_and_its_translation_each_speak_their_language_and_link_to_the_other()
    {
        using var seeds = Pair();
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);
        using var client = site.CreateClient();

        var original = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/timetable", Ct));
        var translation = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/rozklad", Ct));
        var plain = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/untranslated", Ct));

        Assert.Equal("en", original.DocumentElement.GetAttribute("lang"));
        Assert.Equal("uk", translation.DocumentElement.GetAttribute("lang"));
        Assert.Equal("uk_UA", translation.One("meta[property='og:locale']").GetAttribute("content"));

        // Each page names both languages and the original as x-default, as Google asks of every page of the set.
        string[] expected = [
            "en " + FeedTesting.Absolute("/articles/timetable"),
            "uk " + FeedTesting.Absolute("/articles/rozklad"),
            "x-default " + FeedTesting.Absolute("/articles/timetable")];
        foreach (var page in new[] { original, translation })
        {
            Assert.Equal(expected, page.QuerySelectorAll("head link[rel='alternate'][hreflang]")
                .Select(l => l.GetAttribute("hreflang") + " " + l.GetAttribute("href")).Order(StringComparer.Ordinal));
        }

        var toUkrainian = original.One(".story-translations a");
        Assert.Equal("/articles/rozklad", toUkrainian.GetAttribute("href"));
        Assert.Equal("uk", toUkrainian.GetAttribute("lang"));
        Assert.Equal("Українська", toUkrainian.Text());
        Assert.Equal("/articles/timetable", translation.One(".story-translations a").GetAttribute("href"));

        Assert.Empty(plain.QuerySelectorAll("head link[hreflang]"));
        // On a listing of another language, a teaser says its own, for screen readers and translation tools.
        var tag = await NewsFeedApp.ParseAsync(await client.GetAsync("/tags/desk", Ct));
        Assert.Equal(["uk"], tag.QuerySelectorAll("article.card[lang]").Select(c => c.GetAttribute("lang")));
        Assert.Null(plain.QuerySelector(".story-translations"));

        using var data = JsonDocument.Parse(translation.One("script[type='application/ld+json']").TextContent);
        Assert.Equal("uk", data.RootElement.GetProperty("inLanguage").GetString());
    }

    [Fact]
    public async Task Each_edition_has_its_own_front_page_and_feeds()
    {
        using var seeds = Pair();
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);
        using var client = site.CreateClient();

        var home = await NewsFeedApp.ParseAsync(await client.GetAsync("/", Ct));
        var uk = await NewsFeedApp.ParseAsync(await client.GetAsync("/uk/", Ct));
        Assert.Equal(["/articles/timetable", "/articles/untranslated"], Teasers(home).Order(StringComparer.Ordinal));
        Assert.Equal(["/articles/rozklad"], Teasers(uk));
        Assert.Equal("uk", uk.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/uk/feed.xml", uk.One("link[rel='alternate'][type='application/rss+xml']").GetAttribute("href"));

        using var noRedirects = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var bare = await noRedirects.GetAsync("/uk", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/uk/", bare.Headers.Location?.OriginalString);
        // The default edition has no prefix, and a code the site has no edition of is no page.
        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync("/en/"));
        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync("/fr/"));

        // The search page of the edition a reader is in: its chrome's language, both languages' articles.
        var search = await NewsFeedApp.ParseAsync(await client.GetAsync("/uk/search?q=desk", Ct));
        Assert.Equal("uk", search.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/uk/search", search.One("form.site-search").GetAttribute("action"));
        Assert.Equal(3, search.QuerySelectorAll(".card-headline a").Length);
        Assert.Equal(["en", "en"], search.QuerySelectorAll("article.card[lang]").Select(c => c.GetAttribute("lang")));
        var englishSearch = await NewsFeedApp.ParseAsync(await client.GetAsync("/search?q=desk", Ct));
        Assert.Equal(["uk"], englishSearch.QuerySelectorAll("article.card[lang]").Select(c => c.GetAttribute("lang")));
        Assert.Equal("/uk/search", uk.One("form.site-search").GetAttribute("action"));
        Assert.Equal("/search", home.One("form.site-search").GetAttribute("action"));

        var rss = await site.GetRssAsync("/uk/feed.xml");
        Assert.Equal("uk", rss.Language);
        Assert.Equal([FeedTesting.Absolute("/articles/rozklad")], rss.Items.Select(i => i.Links[0].Uri.ToString()));
        var english = await site.GetRssAsync("/feed.xml");
        Assert.Equal("en", english.Language);
        Assert.DoesNotContain(english.Items, i => i.Links[0].Uri.ToString().EndsWith("/rozklad", StringComparison.Ordinal));

        var json = await site.GetJsonFeedAsync("/uk/feed.json");
        Assert.Equal("uk", json.GetProperty("language").GetString());
        Assert.Equal(FeedTesting.Absolute("/uk/"), json.GetProperty("home_page_url").GetString());
        Assert.Equal([FeedTesting.Absolute("/articles/rozklad")], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task The_sitemap_names_each_languages_page_of_a_story_and_the_news_sitemap_each_articles_language()
    {
        using var seeds = Pair();
        using var app = new NewsFeedApp(seeds);
        var site = app.At(new DateTimeOffset(Published.AddDays(1)));

        var sitemap = await site.GetXmlAsync("/sitemap.xml");
        Dictionary<string, string[]> alternates = sitemap.Root!.Elements(FeedTesting.Sitemap + "url").ToDictionary(
            u => u.Element(FeedTesting.Sitemap + "loc")!.Value,
            u => u.Elements(Xhtml + "link").Select(l => (string)l.Attribute("hreflang")! + " " + (string)l.Attribute("href")!).Order(StringComparer.Ordinal).ToArray());
        string[] story = [
            "en " + FeedTesting.Absolute("/articles/timetable"),
            "uk " + FeedTesting.Absolute("/articles/rozklad"),
            "x-default " + FeedTesting.Absolute("/articles/timetable")];
        Assert.Equal(story, alternates[FeedTesting.Absolute("/articles/timetable")]);
        Assert.Equal(story, alternates[FeedTesting.Absolute("/articles/rozklad")]);
        Assert.Empty(alternates[FeedTesting.Absolute("/articles/untranslated")]);
        string[] homes = ["en " + FeedTesting.Absolute("/"), "uk " + FeedTesting.Absolute("/uk/"), "x-default " + FeedTesting.Absolute("/")];
        Assert.Equal(homes, alternates[FeedTesting.Absolute("/uk/")]);
        Assert.Equal(homes, alternates[FeedTesting.Absolute("/")]);

        var news = await site.GetXmlAsync("/news-sitemap.xml");
        var languages = news.Root!.Elements(FeedTesting.Sitemap + "url").ToDictionary(
            u => u.Element(FeedTesting.Sitemap + "loc")!.Value,
            u => u.Descendants(FeedTesting.News + "language").Single().Value);
        Assert.Equal("uk", languages[FeedTesting.Absolute("/articles/rozklad")]);
        Assert.Equal("en", languages[FeedTesting.Absolute("/articles/timetable")]);
    }

    [Fact]
    public async Task A_draft_or_scheduled_translation_is_not_linked_until_readers_may_see_it()
    {
        using var seeds = SeedFolder.Create()
            .With(English("timetable"))
            .With(Ukrainian("rozklad", "timetable").AsDraft())
            .With(English("ferry"))
            .With(Ukrainian("porom", "ferry", published: Now.UtcDateTime.AddDays(3)));
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);
        using var client = site.CreateClient();

        foreach (var slug in new[] { "timetable", "ferry" })
        {
            var page = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/" + slug, Ct));
            Assert.Empty(page.QuerySelectorAll("head link[hreflang]"));
            Assert.Null(page.QuerySelector(".story-translations"));
        }

        Assert.Empty(Teasers(await NewsFeedApp.ParseAsync(await client.GetAsync("/uk/", Ct))));

        // Preview shows drafts, and their links with them.
        using var preview = new NewsFeedApp(seeds).InPreview();
        var previewed = await preview.GetPageAsync("/articles/timetable");
        Assert.Equal("/articles/rozklad", previewed.One(".story-translations a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_translation_added_later_appears_on_the_originals_page()
    {
        using var seeds = SeedFolder.Create().With(English("timetable"));
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);
        using var client = site.CreateClient();
        var before = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/timetable", Ct));
        Assert.Null(before.QuerySelector(".story-translations"));

        seeds.With(Ukrainian("rozklad", "timetable"));
        await site.Services.GetRequiredService<SeedImport>().RunAsync(Ct);

        // The page was cached; the translation's arrival named the original's translations key.
        var after = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/timetable", Ct));
        Assert.Equal("/articles/rozklad", after.One(".story-translations a").GetAttribute("href"));

        seeds.Delete("rozklad.md");
        await site.Services.GetRequiredService<SeedImport>().RunAsync(Ct);
        var gone = await NewsFeedApp.ParseAsync(await client.GetAsync("/articles/timetable", Ct));
        Assert.Null(gone.QuerySelector(".story-translations"));
    }

    [Theory]
    [InlineData("translation_of: missing", "translation_of: no article has the slug 'missing'")]
    [InlineData("translation_of: rozklad", "translation_of: names this article itself")]
    [InlineData("translation_of: other-uk", "translation_of: 'other-uk' (other-uk.md) is in uk too")]
    [InlineData("translation_of: rozklad-2", "translation_of: 'rozklad-2' (rozklad-2.md) is itself a translation of 'timetable'")]
    public async Task A_broken_pair_is_an_error_at_translation_of_and_the_translation_is_skipped(string field, string message)
    {
        using var seeds = SeedFolder.Create()
            .With(English("timetable"))
            .With(Ukrainian("other-uk", null))
            .With(new MarkdownArticle("Друга").WithSlug("rozklad-2").PublishedOn(Published.AddHours(1)).WithField("lang: uk\ntranslation_of: timetable"))
            .Write("rozklad.md", $"---\nheadline: Розклад\nslug: rozklad\npublished: 2025-09-15T10:00:00Z\nlang: uk\n{field}\n---\nТекст.\n");

        var problems = await CheckAsync(seeds);
        Assert.Contains(problems, p => p.StartsWith($"rozklad.md:6:1: error: {message}", StringComparison.Ordinal));

        // Through the app: the translation is skipped, every other article appears, /healthz/ready names the spot.
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);
        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync("/articles/rozklad"));
        Assert.Equal(HttpStatusCode.OK, await site.GetStatusAsync("/articles/timetable"));
        Assert.Equal(HttpStatusCode.OK, await site.GetStatusAsync("/articles/other-uk"));
        Assert.Contains(app.LastImport.Problems, p => p is { Path: "rozklad.md", Line: 6, IsError: true } && p.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_translation_in_one_language_is_an_error_and_the_first_by_path_stays()
    {
        using var seeds = SeedFolder.Create()
            .With(English("timetable"))
            .With(Ukrainian("a-rozklad", "timetable"))
            .With(Ukrainian("b-rozklad", "timetable"));

        var problems = await CheckAsync(seeds);
        Assert.Contains("b-rozklad.md:7:1: error: translation_of: 'timetable' already has a translation in uk, a-rozklad.md; an original has one per language", problems);
        Assert.DoesNotContain(problems, p => p.StartsWith("a-rozklad.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pair_error_found_after_the_translations_run_was_written_still_skips_it()
    {
        // Runs of one file: the translation's run is written before the original (later by path) is read, in the
        // same language, so the stream learns of the error only at its end, and imports the folder whole.
        using var seeds = SeedFolder.Create()
            .With(Ukrainian("a-translation", "z-original"))
            .With(new MarkdownArticle("Оригінал").WithSlug("z-original").PublishedOn(Published).WithField("lang: uk"));
        using var app = new NewsFeedApp(seeds).WithSetting("NewsFeed:ImportRun", "1");
        var site = app.At(Now);

        Assert.Equal(HttpStatusCode.NotFound, await site.GetStatusAsync("/articles/a-translation"));
        Assert.Equal(HttpStatusCode.OK, await site.GetStatusAsync("/articles/z-original"));
        Assert.Contains(app.LastImport.Problems, p => p is { Path: "a-translation.md", Line: 7, IsError: true });
    }

    [Fact]
    public async Task A_translation_older_than_its_originals_last_change_is_a_warning()
    {
        using var seeds = SeedFolder.Create()
            .With(English("timetable").WithField("updated: 2025-09-20T08:00:00Z"))
            .With(Ukrainian("rozklad", "timetable"))
            .With(English("ferry"))
            .With(Ukrainian("porom", "ferry").WithField("updated: 2025-09-21T08:00:00Z"));

        var problems = await CheckAsync(seeds);
        Assert.Contains(problems, p => p.StartsWith("rozklad.md:7:1: warning: translation_of: the original 'timetable' changed after this translation", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("porom.md", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("uk", "uk")]
    [InlineData("UK", "uk")]
    [InlineData("uk-UA", "uk")]
    [InlineData("en", "en")]
    public async Task Lang_names_an_edition_by_its_primary_subtag_in_any_case(string value, string expected)
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Заголовок").WithSlug("story").PublishedOn(Published).WithField($"lang: {value}"));
        using var app = new NewsFeedApp(seeds);
        var page = await app.GetPageAsync("/articles/story");
        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ukrainian")]
    [InlineData("u")]
    [InlineData("uk UA")]
    public async Task Lang_outside_the_sites_languages_is_an_error_naming_them(string value)
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").PublishedOn(Published).WithField($"lang: {value}"));
        var problems = await CheckAsync(seeds);
        Assert.Contains($"story.md:5:1: error: lang: '{value}' is not a language of this site; use one of en, uk (or leave it out for the site's own)", problems);
    }

    private static IEnumerable<string?> Teasers(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll(".card-headline a").Select(a => a.GetAttribute("href"));

    /// <summary><c>check</c>'s problems, each as <c>path:line:col: severity: message</c> with the path in the seeds folder.</summary>
    private static async Task<List<string>> CheckAsync(SeedFolder seeds)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        await new SeedCheckCommand(output, error).RunAsync(["--seeds", seeds.Root, "--format", "json"], new SeedOptions(), Ct);
        using var json = JsonDocument.Parse(output.ToString());
        return [.. json.RootElement.GetProperty("problems").EnumerateArray().Select(p =>
            $"{p.GetProperty("path").GetString()}:{p.GetProperty("line").GetInt32()}:{p.GetProperty("column").GetInt32()}: {p.GetProperty("severity").GetString()}: {p.GetProperty("message").GetString()}")];
    }
}
