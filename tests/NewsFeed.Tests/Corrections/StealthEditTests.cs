using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Corrections;
using NewsFeed.Web.Data;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Corrections;

/// <summary>
/// Stealth edits through the real app: a published body changed with no new corrections entry is a warning at the
/// body's first line, in <c>/healthz/ready</c>, in <c>check --store</c> and on the problems page, with the word diff in
/// preview (never to readers), until a correction owns up to it; typo fixes and drafts pass quietly.
/// </summary>
public sealed class StealthEditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Slug = "night-desk";
    private const string File = Slug + ".md";

    // The builder writes ---, headline, slug, published, (draft,) --- and then the body: its first line is line 6.
    private const string BodyAt = File + ":6:1";

    private const string Before = "The night desk closes the paper at 23:30. Three editors, led by Anna Lind, read every page.";

    private static MarkdownArticle Story(string body, params string[] corrections)
    {
        var article = new MarkdownArticle("How the night desk works").WithSlug(Slug).PublishedOn(new DateTime(2025, 2, 20, 9, 0, 0, DateTimeKind.Utc)).WithBody(body);
        return corrections.Length == 0
            ? article
            : article.WithField("corrections:\n" + string.Concat(corrections.Select(date => $"  - date: {date}\n    text: \"The closing time was wrong.\"\n")));
    }

    private static NewsFeedApp At(SeedFolder seeds, DateTime day, bool preview = false, DrivenWatcher? watcher = null)
    {
        var app = new NewsFeedApp(seeds).WithServices(services => services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(day, TimeSpan.Zero))));
        if (preview)
        {
            app.InPreview(watch: watcher is not null).WithSetting("NewsFeed:Preview:DebounceMilliseconds", "50");
        }

        if (watcher is not null)
        {
            app.WithServices(services => services.AddSingleton<ISeedWatcher>(watcher));
        }

        _ = app.Services;
        return app;
    }

    private static readonly DateTime Day1 = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>The warnings <c>/healthz/ready</c> lists for the story, compiler style.</summary>
    private static async Task<List<string>> ReadinessWarningsAsync(NewsFeedApp app)
    {
        using var client = app.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/healthz/ready", Ct));
        return [.. json.RootElement.GetProperty("checks").GetProperty("import").GetProperty("filesWithWarnings").EnumerateArray()
            .Where(f => f.GetProperty("path").GetString() == File)
            .SelectMany(f => f.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!))];
    }

    private static async Task<(int Exit, List<string> Lines, string Error)> CheckAsync(NewsFeedApp app, params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var store = new SeedCheckCommand.CheckStore(TestStore.IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            TestStore.ConnectionString(app.DatabasePath), Path.GetDirectoryName(app.DatabasePath)!);
        var exit = await new SeedCheckCommand(output, error).RunAsync(["--seeds", app.Seeds.Root, .. extra], new SeedOptions(), Ct, store);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith(app.Seeds.Root + "/", StringComparison.Ordinal))
            .Select(l => l[(app.Seeds.Root.Length + 1)..].TrimEnd())
            .ToList();
        return (exit, lines, error.ToString());
    }

    private static bool IsStealthWarning(string line) => line.Contains(StealthEdits.Message, StringComparison.Ordinal);

    [Fact]
    public async Task A_changed_number_and_name_warn_at_the_body_until_a_correction_dated_after_the_change_owns_up_to_them()
    {
        using var seeds = SeedFolder.Create().With(Story(Before));
        using (var first = At(seeds, Day1))
        {
            Assert.DoesNotContain(await ReadinessWarningsAsync(first), IsStealthWarning);
        }

        seeds.With(Story(Before.Replace("23:30", "23:45", StringComparison.Ordinal).Replace("Lind", "Lund", StringComparison.Ordinal)));
        const string Expected = $"{BodyAt}: warning: {StealthEdits.Message} (\"23:30.\" → \"23:45.\"; \"Lind,\" → \"Lund,\")";
        using (var changed = At(seeds, Day1.AddDays(2)))
        {
            Assert.Equal([Expected], (await ReadinessWarningsAsync(changed)).Where(IsStealthWarning));
            Assert.Contains(changed.Logs.WithProperty("SeedPath", File), e => e.Level == Serilog.Events.LogEventLevel.Warning
                && e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(StealthEdits.Message, StringComparison.Ordinal));

            // check reads no store unless told to; told, it says what the import said, and a warning is no error.
            Assert.DoesNotContain((await CheckAsync(changed)).Lines, IsStealthWarning);
            var (exit, lines, error) = await CheckAsync(changed, "--store");
            Assert.Equal("", error);
            Assert.Equal(SeedCheckCommand.Clean, exit);
            Assert.Equal([Expected], lines.Where(IsStealthWarning));
        }

        // The file has not changed since, and the warning stands: readers still have not been told.
        using (var restarted = At(seeds, Day1.AddDays(3)))
        {
            Assert.Equal([Expected], (await ReadinessWarningsAsync(restarted)).Where(IsStealthWarning));
        }

        // A correction dated before the version readers saw was imported is not about this change.
        seeds.With(Story(Before.Replace("23:30", "23:45", StringComparison.Ordinal).Replace("Lind", "Lund", StringComparison.Ordinal), "2025-02-28"));
        using (var early = At(seeds, Day1.AddDays(3)))
        {
            Assert.Single(await ReadinessWarningsAsync(early), IsStealthWarning);
        }

        seeds.With(Story(Before.Replace("23:30", "23:45", StringComparison.Ordinal).Replace("Lind", "Lund", StringComparison.Ordinal), "2025-03-03"));
        using (var corrected = At(seeds, Day1.AddDays(3)))
        {
            Assert.DoesNotContain(await ReadinessWarningsAsync(corrected), IsStealthWarning);
            Assert.DoesNotContain((await CheckAsync(corrected, "--store")).Lines, IsStealthWarning);
        }
    }

    [Fact]
    public async Task Check_against_the_store_tells_a_change_the_import_has_not_seen_yet()
    {
        using var seeds = SeedFolder.Create().With(Story(Before));
        using var app = At(seeds, Day1);

        seeds.With(Story(Before.Replace("Three editors", "Four editors", StringComparison.Ordinal)));
        var (exit, lines, _) = await CheckAsync(app, "--store", "--format", "text");

        Assert.Equal(SeedCheckCommand.Clean, exit);
        Assert.Equal([$"{BodyAt}: warning: {StealthEdits.Message} (\"Three\" → \"Four\")"], lines.Where(IsStealthWarning));
    }

    [Fact]
    public async Task Check_with_a_store_it_cannot_read_could_not_run()
    {
        using var seeds = SeedFolder.Create().With(Story(Before));
        TestStore.SkipOnPostgres("a SQLite file that is not there");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var missing = new SeedCheckCommand.CheckStore(DatabaseProvider.Sqlite, "Data Source=" + seeds.PathOf("../no-store.db"), seeds.Root);

        var exit = await new SeedCheckCommand(output, error).RunAsync(["--seeds", seeds.Root, "--store"], new SeedOptions(), Ct, missing);

        Assert.Equal(SeedCheckCommand.CouldNotRun, exit);
        Assert.Contains("the store could not be read", error.ToString(), StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(seeds.PathOf("../no-store.db")), "check never creates a store");
    }

    [Fact]
    public async Task Preview_shows_the_word_diff_encoded_and_the_problems_page_lists_it_readers_never_see_it()
    {
        using var seeds = SeedFolder.Create().With(Story(Before));
        var watcher = new DrivenWatcher();
        using (var app = At(seeds, Day1, preview: true, watcher))
        {
            Assert.Null((await app.GetPageAsync($"/articles/{Slug}")).QuerySelector(".preview-body-change"));

            // Markdown's raw HTML is text here: the diff shows it as written, and never as markup.
            seeds.With(Story(Before.Replace("Anna Lind", "<em>Anna Lund</em>", StringComparison.Ordinal)));
            watcher.Report(File);
            await Eventually.HoldsAsync(async () => (await app.GetPageAsync($"/articles/{Slug}")).QuerySelector(".preview-body-change") is not null, "the diff shows");

            var article = await app.GetPageAsync($"/articles/{Slug}");
            Assert.Equal("0 errors and 1 warning in 1 seed file", article.One(".preview-bar summary").Text());
            var block = article.One(".preview-body-change");
            Assert.Equal("Changed since the last import", block.One("h2").Text());
            var place = block.One(".body-change li");
            Assert.Equal("Anna Lind,", place.One("del").Text());
            Assert.Equal("<em>Anna Lund</em>,", place.One("ins").Text());
            Assert.Empty(block.QuerySelectorAll("em"));
            Assert.Equal("… at 23:30. Three editors, led by Anna Lind, <em>Anna Lund</em>, read every page.", place.Text());

            var problems = await app.GetPageAsync(PreviewBar.ProblemsUrl);
            var file = problems.One($"li.seed-file[data-path='{File}']");
            Assert.Equal(BodyAt, file.One(".seed-problem .seed-location").Text());
            Assert.StartsWith(StealthEdits.Message, file.One(".seed-problem .seed-message").Text(), StringComparison.Ordinal);
            Assert.Equal("Anna Lind,", file.One(".preview-body-change del").Text());

            // Saving again without a correction changes nothing: the diff is still against what readers saw.
            seeds.With(Story(Before.Replace("Anna Lind", "<em>Anna Lund</em>", StringComparison.Ordinal) + " Then the presses run."));
            watcher.Report(File);
            await Eventually.HoldsAsync(async () => (await app.GetPageAsync($"/articles/{Slug}")).QuerySelectorAll(".body-change ins").Length == 2, "the second save's diff shows");
            // Two places three words apart are shown as one.
            var both = (await app.GetPageAsync($"/articles/{Slug}")).One(".body-change li");
            Assert.Equal("Anna Lind,", both.One("del").Text());
            Assert.Equal(["<em>Anna Lund</em>,", "Then the presses run."], both.QuerySelectorAll("ins").Select(i => i.Text()));
        }

        // A reader's instance on the same store: the warning is on readiness, the diff never on the page.
        using (var reader = At(seeds, Day1))
        {
            var page = await reader.GetPageAsync($"/articles/{Slug}");
            Assert.Null(page.QuerySelector(".preview-body-change"));
            Assert.Null(page.QuerySelector("del, ins"));
            Assert.Single(await ReadinessWarningsAsync(reader), IsStealthWarning);
        }
    }

    [Fact]
    public async Task A_correction_saved_in_preview_clears_the_warning_and_the_diff()
    {
        using var seeds = SeedFolder.Create().With(Story(Before));
        var watcher = new DrivenWatcher();
        using var app = At(seeds, Day1, preview: true, watcher);

        seeds.With(Story(Before.Replace("23:30", "23:45", StringComparison.Ordinal)));
        watcher.Report(File);
        await Eventually.HoldsAsync(() => app.LastImport.Problems.Any(p => IsStealthWarning(p.Message)), "the warning shows");

        seeds.With(Story(Before.Replace("23:30", "23:45", StringComparison.Ordinal), "2025-03-01"));
        watcher.Report(File);
        await Eventually.HoldsAsync(() => !app.LastImport.Problems.Any(p => IsStealthWarning(p.Message)), "the warning goes");
        Assert.Null((await app.GetPageAsync($"/articles/{Slug}")).QuerySelector(".preview-body-change"));
        Assert.Single((await app.GetPageAsync($"/articles/{Slug}")).QuerySelectorAll("aside.corrections li"));
    }

    [Fact]
    public async Task A_typo_fix_and_a_text_put_back_as_readers_saw_it_give_no_warning()
    {
        using var seeds = SeedFolder.Create().With(Story(Before.Replace("every", "evrey", StringComparison.Ordinal)));
        var watcher = new DrivenWatcher();
        using var app = At(seeds, Day1, preview: true, watcher);

        var last = app.LastImport;
        seeds.With(Story(Before));
        watcher.Report(File);
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync($"/articles/{Slug}")).One(".story-body p").Text() == Before, "the fix shows");
        await SaveReportedAsync(app, last);
        Assert.DoesNotContain(app.LastImport.Problems, p => IsStealthWarning(p.Message));

        seeds.With(Story(Before.Replace("Three", "Five", StringComparison.Ordinal)));
        watcher.Report(File);
        await Eventually.HoldsAsync(() => app.LastImport.Problems.Any(p => IsStealthWarning(p.Message)), "the change warns");

        seeds.With(Story(Before));
        watcher.Report(File);
        await Eventually.HoldsAsync(() => !app.LastImport.Problems.Any(p => IsStealthWarning(p.Message)), "putting it back clears it");
        Assert.Null((await app.GetPageAsync($"/articles/{Slug}")).QuerySelector(".preview-body-change"));
    }

    [Fact]
    public async Task A_drafts_changes_are_not_tracked_and_its_first_publication_is_what_readers_saw()
    {
        using var seeds = SeedFolder.Create().With(Story(Before).AsDraft());
        var watcher = new DrivenWatcher();
        using var app = At(seeds, Day1, preview: true, watcher);

        var last = app.LastImport;
        seeds.With(Story("An entirely new draft: 40 editors, led by Ola Berg.").AsDraft());
        watcher.Report(File);
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync($"/articles/{Slug}")).One(".story-body p").Text().StartsWith("An entirely", StringComparison.Ordinal), "the draft's save shows");
        await SaveReportedAsync(app, last);
        Assert.DoesNotContain(app.LastImport.Problems, p => IsStealthWarning(p.Message));
        Assert.Null((await app.GetPageAsync($"/articles/{Slug}")).QuerySelector(".preview-body-change"));

        last = app.LastImport;
        seeds.With(Story(Before));
        watcher.Report(File);
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync($"/articles/{Slug}")).QuerySelector(".preview-draft") is null, "the publication shows");
        await SaveReportedAsync(app, last);
        Assert.DoesNotContain(app.LastImport.Problems, p => IsStealthWarning(p.Message));

        seeds.With(Story(Before.Replace("Three", "Four", StringComparison.Ordinal)));
        watcher.Report(File);
        await Eventually.HoldsAsync(() => app.LastImport.Problems.Any(p => IsStealthWarning(p.Message)), "a change after publication warns");
    }

    [Fact]
    public async Task A_scheduled_article_is_compared_only_once_it_is_public()
    {
        var goesLive = Day1.AddDays(1);
        using var seeds = SeedFolder.Create().With(Story(Before).PublishedOn(goesLive));
        using (var before = At(seeds, Day1))
        {
            seeds.With(Story(Before.Replace("Three", "Four", StringComparison.Ordinal)).PublishedOn(goesLive));
        }

        // Changed while scheduled: nobody read it, and the change is what goes live.
        using (var scheduled = At(seeds, Day1))
        {
            Assert.DoesNotContain(await ReadinessWarningsAsync(scheduled), IsStealthWarning);
        }

        seeds.With(Story(Before.Replace("Three", "Five", StringComparison.Ordinal)).PublishedOn(goesLive));
        using var live = At(seeds, goesLive.AddHours(2));
        Assert.Equal([$"{BodyAt}: warning: {StealthEdits.Message} (\"Four\" → \"Five\")"], (await ReadinessWarningsAsync(live)).Where(IsStealthWarning));
    }

    /// <summary>
    /// Waits for the report of the save after <paramref name="last"/>: the store is committed a moment before the report
    /// is published, so a page can show a save first, and a warning's absence from the report before is no proof.
    /// </summary>
    private static Task SaveReportedAsync(NewsFeedApp app, ImportReport last) =>
        Eventually.HoldsAsync(() => Task.FromResult(!ReferenceEquals(app.LastImport, last)), "the save's report");

    [Fact]
    public async Task A_recaptured_text_page_with_the_same_slug_shows_the_diff_in_preview()
    {
        using var seeds = SeedFolder.Create().WithOriginal();
        var watcher = new DrivenWatcher();
        // The captured page was published on 2025-09-15.
        using var app = At(seeds, new DateTime(2025, 10, 1, 8, 0, 0, DateTimeKind.Utc), preview: true, watcher);
        var slug = app.LastImport.Files.Single(f => f.Path == RepoPaths.OriginalName).ArticleSlug!;

        var page = System.IO.File.ReadAllText(seeds.PathOf(RepoPaths.OriginalName));
        seeds.Write(RepoPaths.OriginalName, page.Replace("said on Sept. 15", "said on Sept. 16", StringComparison.Ordinal));
        watcher.Report(RepoPaths.OriginalName);
        await Eventually.HoldsAsync(async () => (await app.GetPageAsync($"/articles/{slug}")).QuerySelector(".preview-body-change") is not null, "the diff shows");

        var place = (await app.GetPageAsync($"/articles/{slug}")).One(".body-change li");
        Assert.Equal("15,", place.One("del").Text());
        Assert.Equal("16,", place.One("ins").Text());
        // The first paragraph's line of the captured page.
        var firstParagraph = Array.FindIndex(page.Split('\n'), l => l.StartsWith("Capturing the city of Kupiansk", StringComparison.Ordinal)) + 1;
        // The store is committed a moment before the import's report is published: a page can show the change first.
        await Eventually.HoldsAsync(() => Task.FromResult(app.LastImport.Problems.Any(p => IsStealthWarning(p.Message))), "the report has the warning");
        var warning = app.LastImport.Problems.Single(p => IsStealthWarning(p.Message));
        Assert.Equal((RepoPaths.OriginalName, firstParagraph, 1), (warning.Path, warning.Line, warning.Column));
    }
}
