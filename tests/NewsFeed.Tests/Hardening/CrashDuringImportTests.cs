using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Hardening;

/// <summary>The app process killed in the middle of an import: the store keeps the last good content, and the next start recovers.</summary>
public sealed class CrashDuringImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_process_killed_mid_import_leaves_the_last_good_content_and_the_next_start_recovers()
    {
        TestStore.SkipOnPostgres("the kill is timed by the SQLite write-ahead log growing");
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        var databasePath = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "store", "newsfeed.db");
        using (var first = new NewsFeedApp(seeds, databasePath))
        {
            Assert.Equal("First version.", (await first.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }

        // Enough new files that the import is still writing when the process is killed.
        seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Second version."));
        for (var i = 0; i < 4000; i++)
        {
            seeds.With(new MarkdownArticle($"Filler {i}").WithSlug($"filler-{i}").WithBody(string.Concat(Enumerable.Repeat("Words to render and index. ", 40))));
        }

        var killedMidImport = await KillDuringImportAsync(seeds.Root, databasePath);
        Assert.SkipUnless(killedMidImport, "the import finished before the process could be killed on this machine");

        // Nothing of the interrupted import is visible: the transaction never committed.
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM Articles";
            Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
        }

        using var recovered = new NewsFeedApp(seeds, databasePath);
        Assert.Equal("Second version.", (await recovered.GetPageAsync("/articles/story")).One(".story-body p").Text());
        Assert.Equal(4001, recovered.LastImport.Imported);
    }

    /// <summary>Starts the app as its own process and kills it (SIGKILL) once the import has written to the store's WAL.</summary>
    private static async Task<bool> KillDuringImportAsync(string seedsRoot, string databasePath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "NewsFeed.Web.dll"), "--urls", "http://127.0.0.1:0",
            $"--NewsFeed:SeedsPath={seedsRoot}", $"--ConnectionStrings:NewsFeed=Data Source={databasePath}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var wal = databasePath + "-wal";
        var deadline = Stopwatch.StartNew();
        try
        {
            while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                lock (output)
                {
                    if (output.ToString().Contains("Seed import of", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                if (File.Exists(wal) && new FileInfo(wal).Length > 256 * 1024)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(Ct);
                    return true;
                }

                await Task.Delay(5, Ct);
            }

            return false;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(Ct);
            }

            SqliteConnection.ClearAllPools();
        }
    }
}
