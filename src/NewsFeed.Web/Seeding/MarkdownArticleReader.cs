using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>Reads <c>*.md</c> articles: YAML front matter between <c>---</c> lines, then the Markdown body.</summary>
internal static class MarkdownArticleReader
{
    public static ArticleSeed? Read(string text, DateTime lastWriteUtc, SeedContext context)
    {
        var problems = context.Problems;
        if (!FrontMatterBlock.TrySplit(text, problems, out var block))
        {
            return null;
        }

        var fields = FrontMatter.Parse(block.Yaml, block.FirstLine, problems);
        if (fields.Unreadable)
        {
            return null;
        }

        var headlineLine = fields.LineOf("headline");
        var headline = fields.RequiredText("headline", SeedLimits.HeadlineLength, "every article needs one");

        var meta = ArticleFields.Read(fields, context);
        fields.WarnUnknown("the front matter");

        // Rendering (Markdig, then the sanitizer) is most of a file's cost: skipped when the store has this version.
        var body = context.StoredAsIs ? new RenderedBody("", "", null) : Renderer.RenderBody(block.Body, block.BodyLine, context);
        if (headline is null || body is null || problems.HasErrors)
        {
            return null;
        }

        return ArticleBuilder.Build(headline, headlineLine, meta, SourceFormat.Markdown, body, block.FirstTextLine, "", lastWriteUtc, null, context);
    }
}

/// <summary>The front matter block of a Markdown file, split from the body with line numbers kept.</summary>
internal readonly record struct FrontMatterBlock(string Yaml, int FirstLine, string Body, int BodyLine)
{
    /// <summary>The body's first line that is not blank (its first line when all are).</summary>
    public int FirstTextLine
    {
        get
        {
            var lines = Body.Split('\n');
            var blank = lines.TakeWhile(l => l.Trim().Length == 0).Count();
            return BodyLine + (blank == lines.Length ? 0 : blank);
        }
    }

    public static bool TrySplit(string text, ProblemSink problems, out FrontMatterBlock block)
    {
        block = default;
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            problems.Error(1, 1, "no front matter: the file must start with a '---' line, then fields such as 'headline:', then '---'");
            return false;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line is "---" or "...")
            {
                block = new FrontMatterBlock(
                    string.Join('\n', lines[1..i]),
                    2,
                    string.Join('\n', lines[(i + 1)..]),
                    i + 2);
                return true;
            }
        }

        problems.Error(1, 1, "the front matter opened on line 1 is never closed with a '---' line");
        return false;
    }
}

internal static class Renderer
{
    /// <summary>No single file may hold up the import for longer than this.</summary>
    public static readonly TimeSpan RenderTimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Renders a Markdown body; refused URLs become warnings, a Markdig failure an error. MarkdownLimits keeps
    /// known costly shapes out; the time limit is the backstop for shapes nobody thought of (the render
    /// itself cannot be cancelled, so it finishes in the background and is discarded).
    /// </summary>
    public static RenderedBody? RenderBody(string markdown, int firstLine, SeedContext context)
    {
        var refused = new List<RefusedUrl>();
        RenderedBody? TooSlow()
        {
            context.Problems.Error(firstLine, 1, $"the Markdown took longer than {RenderTimeLimit.TotalSeconds:0} s to render; simplify it");
            return null;
        }

        try
        {
            // The limit is the render's own CPU time where the thread's clock can be read (Linux), else the wall
            // clock from the moment the render starts: time spent waiting for a core or queued for a thread (the
            // import reads files in parallel, a busy machine's thread pool grows slowly) is the machine's, not the
            // file's, and counting it rejected good articles whenever the machine was busy.
            using var started = new ManualResetEventSlim();
            ThreadCpuClock? clock = null;
            var rendering = Task.Run(() =>
            {
                clock = ThreadCpuClock.OfCurrentThread();
                var before = ThreadCpuClock.CurrentThread();
                started.Set();
                var result = context.Renderer.Render(markdown, refused, SeedPictures.ForBody(context));
                return (result, Cpu: ThreadCpuClock.CurrentThread() - before);
            });
            started.Wait();
            var wall = System.Diagnostics.Stopwatch.StartNew();
            var cpuAtStart = clock?.Elapsed;
            // WaitAny, not Wait: it does not throw when the render failed, so the failure comes out below as itself.
            while (Task.WaitAny([rendering], RenderTimeLimit) < 0)
            {
                // Past the limit on the wall clock: go on waiting only while the render has used less CPU than that,
                // and never more than ten times the limit in all.
                if (clock?.Elapsed - cpuAtStart is not { } cpu || cpu >= RenderTimeLimit || wall.Elapsed >= RenderTimeLimit * 10)
                {
                    return TooSlow();
                }
            }

            if (rendering.IsCompletedSuccessfully && rendering.Result.Cpu >= RenderTimeLimit)
            {
                return TooSlow();
            }

            // GetResult, not Result: an exception comes out as itself, not wrapped in an AggregateException.
            var rendered = rendering.GetAwaiter().GetResult().result;
            foreach (var url in refused)
            {
                var shown = url.Url.Length > 60 ? url.Url[..60] + "…" : url.Url;
                context.Problems.Warning(firstLine + url.Line - 1, url.Column,
                    $"link to '{shown}' removed: only http, https, mailto and site-relative links are allowed");
            }

            foreach (var picture in rendered.PictureWarnings ?? [])
            {
                context.Problems.Warning(firstLine + picture.Line - 1, picture.Column, picture.Message);
            }

            return rendered;
        }
        catch (MarkdownRenderException render)
        {
            context.Problems.Error(firstLine, 1, render.Message);
            return null;
        }
    }
}
