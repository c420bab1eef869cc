using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NewsFeed.Tests.Support;
using Serilog.Events;

namespace NewsFeed.Tests.Hardening;

/// <summary>The store's disk fills up during an import: the last good content stays, and a later import recovers.</summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_keeps_the_last_good_content_and_the_next_import_recovers()
    {
        TestStore.SkipOnPostgres("the database file on a 1 MB tmpfs");
        using var seeds = SeedFolder.Create().With(new MarkdownArticle("Story").WithSlug("story").WithBody("First version."));
        var disk = Path.Combine(Path.GetDirectoryName(seeds.Root)!, "small-disk");
        Directory.CreateDirectory(disk);
        Assert.SkipUnless(Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk), "needs root to mount a 1 MB tmpfs for the store");
        try
        {
            var databasePath = Path.Combine(disk, "newsfeed.db");
            using (var first = new NewsFeedApp(seeds, databasePath))
            {
                Assert.Equal("First version.", (await first.GetPageAsync("/articles/story")).One(".story-body p").Text());
            }

            seeds.With(new MarkdownArticle("Story").WithSlug("story").WithBody("Second version."));
            var filler = string.Concat(Enumerable.Repeat("Words that fill the disk, rendered and indexed. ", 60));
            for (var i = 0; i < 1500; i++)
            {
                seeds.With(new MarkdownArticle($"Filler {i}").WithSlug($"filler-{i}").WithBody(filler));
            }

            using (var full = new NewsFeedApp(seeds, databasePath))
            {
                Assert.Equal("First version.", (await full.GetPageAsync("/articles/story")).One(".story-body p").Text());
                var failure = Assert.Single(full.Logs.Events, e => e.Level == LogEventLevel.Fatal);
                Assert.Contains("full", failure.Exception!.GetBaseException().Message, StringComparison.OrdinalIgnoreCase);
            }

            // Space comes back (here: the filler goes); the next start imports without any repair.
            for (var i = 0; i < 1500; i++)
            {
                seeds.Delete($"filler-{i}.md");
            }

            using var recovered = new NewsFeedApp(seeds, databasePath);
            Assert.Equal("Second version.", (await recovered.GetPageAsync("/articles/story")).One(".story-body p").Text());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Run("umount", disk);
        }
    }

    private static bool Run(string command, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
