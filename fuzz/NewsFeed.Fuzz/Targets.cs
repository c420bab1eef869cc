using NewsFeed.Web.Rendering;
using NewsFeed.Web.Search;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Fuzz;

/// <summary>
/// The fuzz targets: each takes a file's bytes and runs a format reader below <see cref="SeedReader"/>'s
/// per-file boundary (which would turn any exception into a problem and hide it). Any exception that escapes is a
/// crash for afl: a reader that does not turn its input's faults into problems. So is an accepted article or author
/// with nothing to show as its headline or name, or a problem that does not name the file.
/// </summary>
internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["front-matter"] = FrontMatterFile,
        ["text-page"] = TextPageFile,
        ["markdown"] = MarkdownBody,
        ["search-query"] = SearchQueryText,
    };

    private static readonly string[] SearchWords = ["harbour", "the", "light", "lighthouse", "keeper", "café", "м'ясо", "42", "state-of-the-art", "\"quoted\""];

    // A few articles sharing words, for the search target: built on first use, like the renderer.
    private static readonly Lazy<TextIndex> LazyIndex = new(() => new TextIndex(Enumerable.Range(1, 40).Select(i => new SearchDocument(
        i, $"s{i}", null, i % 7 == 0, DateTime.UnixEpoch.AddDays(i), $"Harbour story {i}", i % 3 == 0 ? "A lighthouse café" : "",
        string.Join(' ', Enumerable.Range(0, 200).Select(w => SearchWords[(i * w) % SearchWords.Length])), "Jo Writer", "Port Київ"))));

    // Created on first use: instrumented code (the renderer's constructor) must not run before SharpFuzz has set up
    // its shared memory, which happens inside Fuzzer.OutOfProcess.Run.
    private static readonly Lazy<MarkdownRenderer> LazyRenderer = new(() => new MarkdownRenderer());

    private static MarkdownRenderer Renderer => LazyRenderer.Value;

    // An empty seeds folder: every image and avatar path is "not there", which is a warning, not an error.
    private static readonly string Root = Directory.CreateTempSubdirectory("newsfeed-fuzz-").FullName;

    /// <summary>The bytes as a Markdown article's front matter (body not rendered), as a sidecar, and as an author file.</summary>
    private static void FrontMatterFile(byte[] bytes)
    {
        var (text, article) = Decode(bytes, "article.md");
        if (text is null)
        {
            return;
        }

        var seed = MarkdownArticleReader.Read(text, DateTime.UnixEpoch, article.Context(Root, Renderer, storedAsIs: true));
        article.Verify(seed is null ? null : seed.Headline);

        var sidecar = new Problems("page.txt.yml");
        var fields = FrontMatter.Parse(text, 1, sidecar.Sink);
        if (!fields.Unreadable)
        {
            ArticleFields.Read(fields, sidecar.Context(Root, Renderer));
            fields.WarnUnknown("the sidecar");
        }

        sidecar.Verify(null);

        var author = new Problems("authors/someone.md");
        var authorSeed = AuthorFileReader.Read(text, author.Context(Root, Renderer, storedAsIs: true));
        author.Verify(authorSeed?.Name);
    }

    private static void TextPageFile(byte[] bytes)
    {
        var (text, page) = Decode(bytes, "page.txt");
        if (text is null)
        {
            return;
        }

        var seed = TextPageReader.Read(text, null, DateTime.UnixEpoch, page.Context(Root, Renderer));
        page.Verify(seed?.Headline);
    }

    /// <summary>
    /// The bytes as a reader's query (UTF-8, as the query string gives it): parsed, ranked and passaged. A crash is any
    /// exception, a page beyond the count, or a passage that is not the article's text with marks.
    /// </summary>
    private static void SearchQueryText(byte[] bytes)
    {
        if (SearchQuery.Parse(System.Text.Encoding.UTF8.GetString(bytes)) is not { } query)
        {
            return;
        }

        var result = LazyIndex.Value.Query(query, DateTime.UnixEpoch.AddDays(100), 0, 20);
        if (result.Ids.Count > Math.Min(20, result.Total) || result.Total > LazyIndex.Value.Count)
        {
            throw new InvalidOperationException($"{result.Ids.Count} ids of {result.Total}");
        }

        // A body with Cyrillic (read word by word), and one in Latin script with typographic quotes (the vectorised path).
        var body = string.Join(' ', Enumerable.Range(0, 400).Select(w => SearchWords[(w * 7) % SearchWords.Length]));
        var latin = string.Join("’ ", Enumerable.Range(0, 400).Select(w => SearchWords[(w * 7) % SearchWords.Length]).Where(w => !w.Any(c => c >= '\u0400')));
        foreach (var text in new[] { body, latin })
        {
            var plain = Passages.Passage(text, query, out _).Replace(ArticleSearch.MarkStart, "", StringComparison.Ordinal)
                .Replace(ArticleSearch.MarkEnd, "", StringComparison.Ordinal).Trim('…');
            if (!text.Contains(plain, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"passage not in the text: {plain}");
            }
        }

        _ = Passages.Highlight("Harbour story: a lighthouse café in Київ", query);
    }

    private static void MarkdownBody(byte[] bytes)
    {
        var (text, _) = Decode(bytes, "body.md");
        if (text is null)
        {
            return;
        }

        try
        {
            var body = Renderer.Render(text, pictures: Picture);
            if (body.Html.Contains("<script", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("rendered HTML holds a script element");
            }

            VerifyFeedCopy(body.Html);

            // What the store keeps must be Unicode: PostgreSQL's driver refuses half a surrogate pair.
            if (VisibleText.UnpairedSurrogateAt(body.Html) >= 0 || VisibleText.UnpairedSurrogateAt(body.PlainText) >= 0)
            {
                throw new InvalidOperationException("rendered text holds an unpaired surrogate");
            }
        }
        catch (MarkdownRenderException)
        {
            // Refused input: the import reports it as the file's problem.
        }
    }

    // Every local picture shown as the import shows one: a <picture> of sources, and an image with its size and hints.
    private static PictureChoice? Picture(string written, string url, string alt, string? title) =>
        url.StartsWith("/media/", StringComparison.Ordinal)
            ? new PictureChoice(
                "<picture><source type=\"image/webp\" srcset=\"/media/v/p-400.webp 400w\" sizes=\"100vw\"><img src=\"/media/v/p-1200.jpg\" srcset=\"/media/v/p-400.jpg 400w\" "
                + $"sizes=\"100vw\" width=\"1200\" height=\"800\" alt=\"{System.Net.WebUtility.HtmlEncode(alt)}\" loading=\"lazy\" decoding=\"async\"></picture>", null)
            : null;

    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    /// <summary>
    /// The feed's copy of the body (<see cref="NewsFeed.Web.Feeds.FeedContent"/>, which reads the HTML without a parser): no picture or
    /// source left, no site-relative address, and the same text as the body.
    /// </summary>
    private static void VerifyFeedCopy(string html)
    {
        var site = new NewsFeed.Web.Site.SiteOptions { BaseUrl = "https://news.example.org/" };
        var copy = new NewsFeed.Web.Feeds.FeedContent(site).Html("a-slug", html, null);
        var feed = Parser.ParseDocument(copy).Body!;
        if (feed.QuerySelector("picture, source") is { } left)
        {
            throw new InvalidOperationException($"the feed copy keeps a {left.LocalName}");
        }

        foreach (var element in feed.QuerySelectorAll("[href], [src]"))
        {
            foreach (var url in new[] { element.GetAttribute("href"), element.GetAttribute("src") }.OfType<string>())
            {
                if (url.StartsWith('#') || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"the feed copy keeps the relative address {url}");
                }
            }
        }

        if (feed.TextContent != Parser.ParseDocument(html).Body!.TextContent)
        {
            throw new InvalidOperationException("the feed copy's text is not the body's");
        }

        // The stored items: the RSS item must be XML a reader parses, the JSON item JSON that gives the copy back.
        var article = new NewsFeed.Web.Feeds.FeedArticle("a-slug", feed.TextContent, feed.TextContent, copy, DateTime.UnixEpoch, null, null, null, null, []);
        using (var reader = System.Xml.XmlReader.Create(
            new MemoryStream([.. "<rss xmlns:dc=\"d\" xmlns:content=\"c\" xmlns:media=\"m\">"u8, .. NewsFeed.Web.Feeds.FeedItems.Rss(article, site), .. "</rss>"u8])))
        {
            while (reader.Read())
            {
            }
        }

        using var json = System.Text.Json.JsonDocument.Parse(NewsFeed.Web.Feeds.FeedItems.Json(article, site));
        if (json.RootElement.GetProperty("content_html").GetString() != copy)
        {
            throw new InvalidOperationException("the JSON item does not give the copy back");
        }
    }

    private static (string? Text, Problems Problems) Decode(byte[] bytes, string path)
    {
        var problems = new Problems(path);
        return (SeedReader.Decode(bytes, problems.Sink), problems);
    }

    private sealed class Problems(string path)
    {
        private readonly List<SeedProblem> _list = [];

        public ProblemSink Sink => new(path, _list);

        public SeedContext Context(string root, MarkdownRenderer renderer, bool storedAsIs = false) =>
            new(root, path, Sink, renderer, storedAsIs);

        /// <param name="accepted">What the accepted file shows as its title (headline, name); null when it was refused.</param>
        public void Verify(string? accepted)
        {
            if (_list.Exists(p => p.Path != path || p.Line < 0 || p.Column < 0 || string.IsNullOrWhiteSpace(p.Message)))
            {
                throw new InvalidOperationException("a problem without this file's path, a valid position or a message");
            }

            // Problems go to logs, JSON and terminals: no control characters, no half surrogate pairs.
            if (_list.Exists(p => p.Message.Any(char.IsControl) || VisibleText.UnpairedSurrogateAt(p.Message) >= 0))
            {
                throw new InvalidOperationException("a problem message that a log line or a JSON writer cannot take");
            }

            if (accepted is not null && VisibleText.UnpairedSurrogateAt(accepted) >= 0)
            {
                throw new InvalidOperationException("an accepted headline or name with an unpaired surrogate");
            }

            if (accepted is not null && VisibleText.IsBlank(accepted))
            {
                throw new InvalidOperationException("an accepted file with a blank headline or name");
            }

            if (accepted is not null && _list.Exists(p => p.IsError))
            {
                throw new InvalidOperationException("a file with errors was accepted");
            }
        }
    }
}
