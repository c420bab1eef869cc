using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Site;

/// <summary>
/// The built DLL run on its own outside Development, as a real process (only a process shows where the app looks for
/// wwwroot): its CSS and JS are served with their bytes, or it refuses to start and says how to run it.
/// </summary>
public sealed partial class StaticAssetsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_build_output_run_from_its_folder_serves_its_stylesheet_and_script()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Styled"));
        var run = await RunAsync(AppContext.BaseDirectory, seeds, untilListening: true);
        try
        {
            Assert.NotNull(run.Address);
            using var client = new HttpClient { BaseAddress = run.Address };
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/", Ct));
            var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
            var script = page.QuerySelector("script[src]")!.GetAttribute("src")!;

            var css = await client.GetByteArrayAsync(stylesheet, Ct);
            var js = await client.GetByteArrayAsync(script, Ct);

            Assert.Equal(await File.ReadAllBytesAsync(Source("css/site.css"), Ct), css);
            Assert.Equal(await File.ReadAllBytesAsync(Source("js/site.js"), Ct), js);
        }
        finally
        {
            await run.StopAsync();
        }
    }

    [Fact]
    public async Task Build_output_away_from_its_project_refuses_to_start_and_says_how_to_run()
    {
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Unstyled"));
        var copy = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "bin");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        // As if the folder had been copied to another machine: the project the build points at is not there.
        var manifest = Path.Combine(copy, "NewsFeed.Web.staticwebassets.runtime.json");
        var projectRoot = Path.Combine(RepoPaths.Root, "src", "NewsFeed.Web") + "/";
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest, Ct)).Replace(projectRoot, "/nonexistent/newsfeed/", StringComparison.Ordinal), Ct);

        var run = await RunAsync(copy, seeds, untilListening: false);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Null(run.Address);
        Assert.Contains("The site's static files", run.Output, StringComparison.Ordinal);
        Assert.Contains("dotnet publish", run.Output, StringComparison.Ordinal);
    }

    private static string Source(string path) => Path.Combine(RepoPaths.Root, "src", "NewsFeed.Web", "wwwroot", path);

    private sealed record Run(Process Process, Uri? Address, StringBuilder Log)
    {
        public int ExitCode => Process.ExitCode;

        public string Output
        {
            get
            {
                lock (Log)
                {
                    return Log.ToString();
                }
            }
        }

        public async Task StopAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync(CancellationToken.None);
            }

            Process.Dispose();
        }
    }

    /// <summary>Starts <c>dotnet NewsFeed.Web.dll</c> in Production from <paramref name="folder"/> (the content root too).</summary>
    private static async Task<Run> RunAsync(string folder, SeedFolder seeds, bool untilListening)
    {
        var database = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store.db");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(folder, "NewsFeed.Web.dll"), "--urls", "http://127.0.0.1:0",
            $"--NewsFeed:SeedsPath={seeds.Root}", $"--ConnectionStrings:NewsFeed=Data Source={database}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        var log = new StringBuilder();
        void Append(string? line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var run = new Run(process, null, log);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(Ct);
                return run;
            }

            if (untilListening && Listening().Match(run.Output) is { Success: true } match)
            {
                return run with { Address = new Uri(match.Groups[1].Value) };
            }

            await Task.Delay(50, Ct);
        }

        await run.StopAsync();
        throw new TimeoutException($"the app neither listened nor exited in 60 s:\n{run.Output}");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
