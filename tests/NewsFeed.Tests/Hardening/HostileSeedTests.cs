using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Hardening;

/// <summary>The hostile corpus imported beside good files: bad files are reported and skipped, the rest is served, nothing runs.</summary>
public sealed class HostileSeedTests : IClassFixture<HostileSeedTests.Site>
{
    private readonly Site _site;

    public HostileSeedTests(Site site) => _site = site;

    public static TheoryData<string> MustFail => new(HostileSeedCorpus.Entries().Where(e => e.MustFail).Select(e => e.Path));

    [Fact]
    public async Task Every_good_file_is_imported_and_served()
    {
        foreach (var slug in new[] { "good-one", "good-two", "with-bom", "utf-sixteen", "windows-lines", "some-headings", "script-everywhere", "colon-path" })
        {
            var page = await _site.App.GetPageAsync($"/articles/{slug}");
            Assert.Single(page.QuerySelectorAll("h1"));
        }

        Assert.Equal("Good one", (await _site.App.GetPageAsync("/articles/good-one")).QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(MustFail))]
    public void Each_bad_file_gets_an_error_record_naming_it_and_is_skipped(string path)
    {
        var file = Assert.Single(_site.App.LastImport.Files, f => f.Path == path);
        Assert.Equal(SeedFileState.Skipped, file.State);
        // A text page's error may be in its sidecar, which the log names.
        var logged = _site.App.Logs.WithProperty("SeedPath", path).Concat(_site.App.Logs.WithProperty("SeedPath", path + ".yml"))
            .Where(e => e.Level == Serilog.Events.LogEventLevel.Error).ToList();
        Assert.NotEmpty(logged);
        Assert.All(logged, e => Assert.DoesNotContain(e.Properties["Problem"].ToString(), c => char.IsControl(c)));
    }

    [Fact]
    public async Task Readiness_lists_every_bad_file_and_the_log_has_no_stack_trace()
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync("/healthz/ready", TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var import = json.RootElement.GetProperty("checks").GetProperty("import");
        Assert.Equal("Degraded", import.GetProperty("status").GetString());
        var listed = import.GetProperty("skippedFiles").EnumerateArray().ToDictionary(
            f => f.GetProperty("path").GetString()!, f => f.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList());
        foreach (var path in HostileSeedCorpus.Entries().Where(e => e.MustFail).Select(e => e.Path))
        {
            Assert.True(listed.TryGetValue(path, out var errors), $"{path} is not listed as skipped");
            Assert.NotEmpty(errors);
        }

        // Every problem is a positioned record; nothing the content did reached the log as an exception.
        Assert.DoesNotContain(_site.App.Logs.Events, e => e.Exception is not null && e.Level >= Serilog.Events.LogEventLevel.Warning);
    }

    [Fact]
    public void Editor_droppings_and_the_directory_named_like_an_article_are_not_seeds()
    {
        var paths = _site.App.LastImport.Files.Select(f => f.Path).ToList();

        Assert.DoesNotContain(".good-one.md.swp", paths);
        Assert.DoesNotContain("good-one.md~", paths);
        Assert.DoesNotContain(".#good-one.md", paths);
        Assert.DoesNotContain("4913", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("folder.md", StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_out_of_the_seeds_folder_is_refused()
    {
        Assert.SkipUnless(_site.LinkCreated, "this file system cannot make symbolic links");
        var file = Assert.Single(_site.App.LastImport.Files, f => f.Path == "outside-link.md");
        Assert.Equal(SeedFileState.Skipped, file.State);
        Assert.Contains(file.Problems, p => p.Message.Contains("outside the seeds folder", StringComparison.Ordinal));
    }

    [Fact]
    public void The_whole_corpus_imports_in_a_few_seconds()
    {
        Assert.True(_site.StartupTime < TimeSpan.FromSeconds(15), $"startup with the corpus took {_site.StartupTime}");
        Assert.True(_site.App.LastImport.Duration < TimeSpan.FromSeconds(8), $"the import took {_site.App.LastImport.Duration}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/script-everywhere")]
    [InlineData("/authors/evil-author")]
    [InlineData("/authors")]
    [InlineData("/tags")]
    [InlineData("/search?q=script")]
    [InlineData("/articles/some-headings")]
    public async Task No_served_page_carries_script_from_content(string url)
    {
        var page = await _site.App.GetPageAsync(url);

        AssertNoContentScript(page);
    }

    [Fact]
    public async Task Scheduled_articles_stay_hidden()
    {
        using var client = _site.App.CreateClient();
        using var response = await client.GetAsync("/articles/future-piece", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static void AssertNoContentScript(IHtmlDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script"))
        {
            var src = script.GetAttribute("src");
            Assert.True(src is not null && src.StartsWith("/js/", StringComparison.Ordinal) || script.GetAttribute("type") == "application/ld+json",
                $"unexpected script: {script.OuterHtml[..Math.Min(200, script.OuterHtml.Length)]}");
        }

        foreach (var element in page.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var attribute in new[] { "href", "src", "action", "formaction", "xlink:href" })
            {
                var value = element.GetAttribute(attribute)?.Trim().ToLowerInvariant();
                Assert.False(value is not null && (value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.Ordinal)),
                    $"{element.LocalName} {attribute}={value}");
            }
        }

        Assert.Empty(page.QuerySelectorAll("main svg, main iframe, main object, main embed"));
    }

    public sealed class Site : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create()
            .With(new MarkdownArticle("Good one").WithSlug("good-one"))
            .With(new MarkdownArticle("Good two").WithSlug("good-two"));

        public Site()
        {
            foreach (var entry in HostileSeedCorpus.Entries())
            {
                _seeds.WriteBytes(entry.Path, entry.Content);
            }

            Directory.CreateDirectory(_seeds.PathOf("folder.md"));
            var outside = Path.Combine(Path.GetDirectoryName(_seeds.Root)!, "outside.md");
            File.WriteAllText(outside, "---\nheadline: Outside\npublished: 2025-01-01\n---\nNot in the seeds folder.\n");
            try
            {
                File.CreateSymbolicLink(_seeds.PathOf("outside-link.md"), outside);
                LinkCreated = true;
            }
            catch (IOException)
            {
                LinkCreated = false;
            }

            App = new NewsFeedApp(_seeds);
            var started = Stopwatch.GetTimestamp();
            _ = App.Services;
            StartupTime = Stopwatch.GetElapsedTime(started);
        }

        public NewsFeedApp App { get; }

        public bool LinkCreated { get; }

        public TimeSpan StartupTime { get; }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
