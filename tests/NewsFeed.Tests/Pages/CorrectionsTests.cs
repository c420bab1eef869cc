using System.Globalization;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Feeds;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Model;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// <c>corrections:</c> through the real app: the article's marked block and updated date, its NewsArticle data, its feed
/// items (read back with real parsers), <c>/corrections</c> newest first and paged, and the errors of broken entries.
/// </summary>
public sealed class CorrectionsTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static MarkdownArticle Corrected(string slug, DateTime published, params (string Date, string Kind, string Text)[] corrections) =>
        new MarkdownArticle($"Story {slug}").WithSlug(slug).PublishedOn(published)
            .WithField("corrections:\n" + string.Concat(corrections.Select(c => $"  - date: {c.Date}\n    kind: {c.Kind}\n    text: \"{c.Text}\"\n")));

    [Fact]
    public async Task A_corrected_article_shows_its_corrections_and_its_updated_date_even_on_the_day_it_was_published()
    {
        using var seeds = SeedFolder.Create()
            .With(Corrected("ferry", new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc),
                ("2025-09-15", "correction", "The ferry leaves at 9:40, not 9:14."), ("2025-09-20", "update", "The timetable changes in winter.")))
            .With(new MarkdownArticle("Plain").WithSlug("plain").PublishedOn(new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc)));
        using var app = new NewsFeedApp(seeds);

        var page = await app.GetPageAsync("/articles/ferry");

        var block = page.One("aside.corrections");
        Assert.Equal("Corrections", block.One("h2").Text());
        var items = block.QuerySelectorAll("li");
        Assert.Equal(["Correction", "Update"], items.Select(i => i.One("strong").Text()));
        Assert.Equal(["2025-09-15T00:00:00Z", "2025-09-20T00:00:00Z"], items.Select(i => i.One("time").GetAttribute("datetime")));
        Assert.Contains("The ferry leaves at 9:40, not 9:14.", items[0].TextContent, StringComparison.Ordinal);
        // The latest correction is the article's last change.
        Assert.Equal("2025-09-20T00:00:00Z", page.One(".byline .updated time").GetAttribute("datetime"));

        using var data = JsonDocument.Parse(page.One("script[type='application/ld+json']").TextContent);
        var corrections = data.RootElement.GetProperty("correction");
        Assert.Equal(2, corrections.GetArrayLength());
        Assert.Equal("CorrectionComment", corrections[0].GetProperty("@type").GetString());
        Assert.Equal("Correction: The ferry leaves at 9:40, not 9:14.", corrections[0].GetProperty("text").GetString());
        Assert.Equal("2025-09-15T00:00:00+00:00", corrections[0].GetProperty("datePublished").GetString());
        Assert.Equal("2025-09-20T00:00:00+00:00", data.RootElement.GetProperty("dateModified").GetString());

        var plain = await app.GetPageAsync("/articles/plain");
        Assert.Null(plain.QuerySelector("aside.corrections"));
        Assert.Null(plain.QuerySelector(".byline .updated"));
    }

    [Fact]
    public async Task A_correction_on_the_day_of_publication_shows_the_updated_date()
    {
        using var seeds = SeedFolder.Create()
            .With(Corrected("same-day", new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc), ("2025-09-15", "clarification", "The vote was on Monday.")));
        using var app = new NewsFeedApp(seeds);

        var page = await app.GetPageAsync("/articles/same-day");

        Assert.Equal("2025-09-15T08:00:00Z", page.One(".byline .updated time").GetAttribute("datetime"));
        Assert.Equal("Clarification", page.One("aside.corrections strong").Text());
    }

    [Fact]
    public async Task Feed_items_carry_the_corrections()
    {
        using var seeds = SeedFolder.Create()
            .With(Corrected("ferry", new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc), ("2025-09-16", "correction", "Pier <3>, not pier 4.")));
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);

        var rss = Assert.Single((await site.GetRssAsync("/feed.xml")).Items);
        var html = Parse(rss.Extensions("encoded", FeedTesting.ContentNs).Single());
        Assert.Equal("Correction", html.One("aside.corrections strong").Text());
        Assert.Contains("Pier <3>, not pier 4.", html.One("aside.corrections li").TextContent, StringComparison.Ordinal);

        var json = (await site.GetJsonFeedAsync("/feed.json")).GetProperty("items")[0];
        var jsonHtml = Parse(json.GetProperty("content_html").GetString()!);
        Assert.Equal("2025-09-16", jsonHtml.One("aside.corrections time").GetAttribute("datetime"));
    }

    [Fact]
    public async Task A_later_correction_dates_the_articles_last_change_in_the_feeds_and_the_sitemap()
    {
        var corrected = new DateTimeOffset(2025, 9, 20, 14, 30, 0, TimeSpan.Zero);
        using var seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Ferry").WithSlug("ferry").PublishedOn(new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc)).Tagged("Harbour")
                .WithField("updated: 2025-09-16T09:00:00Z")
                .WithField($"corrections:\n  - date: {corrected:yyyy-MM-dd'T'HH:mm:ss'Z'}\n    kind: update\n    text: \"The winter timetable starts on Monday.\""))
            .With(new MarkdownArticle("Quay").WithSlug("quay").PublishedOn(new DateTime(2025, 9, 18, 8, 0, 0, DateTimeKind.Utc)).Tagged("Harbour"));
        using var app = new NewsFeedApp(seeds);
        var site = app.At(Now);

        foreach (var path in new[] { "/feed.xml", "/tags/harbour/feed.xml" })
        {
            var rss = await site.GetRssAsync(path);
            Assert.Equal(corrected, rss.LastUpdatedTime);
            var item = rss.Items.Single(i => i.Id == FeedTesting.Absolute("/articles/ferry"));
            Assert.Equal(new DateTimeOffset(2025, 9, 15, 8, 0, 0, TimeSpan.Zero), item.PublishDate);
            var html = Parse(item.Extensions("encoded", FeedTesting.ContentNs).Single());
            Assert.Equal("Update", html.One("aside.corrections strong").Text());
        }

        foreach (var path in new[] { "/feed.json", "/tags/harbour/feed.json" })
        {
            var item = (await site.GetJsonFeedAsync(path)).GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("url").GetString() == FeedTesting.Absolute("/articles/ferry"));
            Assert.Equal(corrected, item.GetProperty("date_modified").GetDateTimeOffset());
            Assert.Contains("The winter timetable starts on Monday.", Parse(item.GetProperty("content_html").GetString()!).One("aside.corrections li").TextContent, StringComparison.Ordinal);
        }

        var urls = (await site.GetXmlAsync("/sitemap.xml")).Urls().ToDictionary(u => u.Loc, u => u.LastModified);
        Assert.Equal(corrected, urls[FeedTesting.Absolute("/articles/ferry")]);
        Assert.Equal(new DateTimeOffset(2025, 9, 18, 8, 0, 0, TimeSpan.Zero), urls[FeedTesting.Absolute("/articles/quay")]);
        // The listings that show it changed with it.
        Assert.Equal(corrected, urls[FeedTesting.Absolute("/")]);
        Assert.Equal(corrected, urls[FeedTesting.Absolute("/tags/harbour")]);
    }

    [Fact]
    public async Task The_corrections_page_lists_every_visible_correction_newest_first_twenty_a_page()
    {
        using var seeds = SeedFolder.Create();
        for (var i = 0; i < 11; i++)
        {
            var day = new DateTime(2025, 8, 1, 9, 0, 0, DateTimeKind.Utc).AddDays(i);
            seeds.With(Corrected($"story-{i:00}", day,
                (day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "correction", $"First note on {i}."),
                (day.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "update", $"Second note on {i}.")));
        }

        seeds.With(Corrected("draft", new DateTime(2025, 8, 1, 9, 0, 0, DateTimeKind.Utc), ("2025-09-30", "correction", "Not public.")).AsDraft());
        using var app = new NewsFeedApp(seeds);

        var first = await app.GetPageAsync("/corrections");
        var entries = first.QuerySelectorAll(".correction-list li");
        Assert.Equal(20, entries.Length);
        var dates = entries.Select(e => e.One("time").GetAttribute("datetime")!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Equal("Story story-10", entries[0].One(".correction-article a").Text());
        Assert.Equal("/articles/story-10", entries[0].One(".correction-article a").GetAttribute("href"));
        Assert.DoesNotContain(entries, e => e.TextContent.Contains("Not public.", StringComparison.Ordinal));
        Assert.Equal("/corrections/page/2", first.One("a.show-more").GetAttribute("href"));

        var second = await app.GetPageAsync("/corrections/page/2");
        Assert.Equal(["Second note on 0.", "First note on 0."], second.QuerySelectorAll(".correction-list li").Select(e => e.One(".correction-text").Text()));
        Assert.Null(second.QuerySelector("a.show-more"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, await app.GetStatusAsync("/corrections/page/3"));
    }

    [Fact]
    public async Task A_new_correction_reaches_the_cached_corrections_page()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story"));
        using var app = new NewsFeedApp(seeds);

        // Cached by the page cache: only the change's keys can take it out.
        Assert.Empty((await app.GetPageAsync("/corrections")).QuerySelectorAll(".correction-list li"));
        Assert.Empty((await app.GetPageAsync("/corrections")).QuerySelectorAll(".correction-list li"));
        seeds.With(Corrected("story", new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc), ("2025-01-11", "correction", "A name was misspelt.")));
        await app.Services.GetRequiredService<SeedImport>().RunAsync(TestContext.Current.CancellationToken);

        var entry = (await app.GetPageAsync("/corrections")).One(".correction-list li");
        Assert.Equal("A name was misspelt.", entry.One(".correction-text").Text());
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    private static readonly string[] Kinds = ["correction", "clarification", "update", "Update", "erratum", "", "[a]"];
    private static readonly string[] Dates = ["2025-02-01", "2024-12-31", "01/02/2025", "", "2025-02-30", "[2025-02-01]"];
    private static readonly string[] Texts = ["\"A figure was wrong.\"", "\"   \"", "", "[x, y]", "{a: b}", "\"Пояснення: дата.\""];

    /// <summary>One entry with each field present or not, well-formed or not.</summary>
    private static readonly Gen<(string? Date, string? Kind, string? Text)> Entry =
        Gen.Select(Gen.Int[-1, Dates.Length - 1], Gen.Int[-1, Kinds.Length - 1], Gen.Int[-1, Texts.Length - 1])
            .Select((d, k, t) => (d < 0 ? null : Dates[d], k < 0 ? null : Kinds[k], t < 0 ? null : Texts[t]));

    [Fact]
    public void Each_entry_is_kept_exactly_when_it_is_whole_and_a_broken_one_is_an_error_at_its_line()
    {
        Gen.Select(Entry.Array[1, 4], Gen.Bool).Sample((entries, asScalar) =>
        {
            var yaml = new System.Text.StringBuilder("corrections:\n");
            var lines = new List<int>();
            var line = 5;
            foreach (var (date, kind, text) in entries)
            {
                lines.Add(line + 1);
                var fields = new[] { ("date", date), ("kind", kind), ("text", text) }.Where(f => f.Item2 is not null).ToList();
                if (fields.Count == 0 || asScalar)
                {
                    yaml.Append("  - just a sentence\n");
                    line++;
                    continue;
                }

                for (var i = 0; i < fields.Count; i++)
                {
                    yaml.Append(i == 0 ? "  - " : "    ").Append(fields[i].Item1).Append(": ").Append(fields[i].Item2).Append('\n');
                    line++;
                }
            }

            var article = new MarkdownArticle("Checked").WithSlug("checked").PublishedOn(new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc)).WithField(yaml.ToString().TrimEnd());
            var document = TestReader.ReadMarkdownAsync(article.ToString()).GetAwaiter().GetResult();

            var whole = entries.Select(e => !asScalar && IsWhole(e)).ToList();
            Assert.Equal(whole.All(w => w), !document.HasErrors);
            if (document.Article is { } read)
            {
                Assert.Equal(entries.Length, read.Corrections.Count);
                Assert.All(read.Corrections, c => Assert.False(string.IsNullOrWhiteSpace(c.Text)));
                Assert.Equal(read.Corrections.OrderBy(c => c.DateUtc), read.Corrections);
            }
            else
            {
                // Every broken entry has an error at one of its own lines.
                var errors = document.Problems.Where(p => p.IsError).ToList();
                for (var i = 0; i < entries.Length; i++)
                {
                    if (!whole[i])
                    {
                        var end = i + 1 < lines.Count ? lines[i + 1] : int.MaxValue;
                        Assert.Contains(errors, p => p.Line >= lines[i] && p.Line < end && p.Message.StartsWith($"corrections[{i + 1}]", StringComparison.Ordinal));
                    }
                }
            }
        }, iter: 2_000, threads: 1);
    }

    private static bool IsWhole((string? Date, string? Kind, string? Text) entry) =>
        entry.Date is "2025-02-01" or "2024-12-31"
        && entry.Kind is null or "" or "correction" or "clarification" or "update" or "Update"
        && entry.Text is "\"A figure was wrong.\"" or "\"Пояснення: дата.\"";

    [Fact]
    public async Task A_kind_is_one_of_three()
    {
        var article = Corrected("k", new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc), ("2025-01-11", "erratum", "x"));

        var document = await TestReader.ReadMarkdownAsync(article.ToString());

        var error = Assert.Single(document.Problems, p => p.IsError);
        Assert.Equal("corrections[1].kind: 'erratum' is not a kind; write correction, clarification or update", error.Message);
        Assert.Equal(7, error.Line);
        Assert.Null(document.Article);
        var update = await TestReader.ReadMarkdownAsync(Corrected("u", new DateTime(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc), ("2025-01-11", "update", "x")).ToString());
        Assert.Equal(CorrectionKind.Update, update.Article!.Corrections.Single().Kind);
    }
}
