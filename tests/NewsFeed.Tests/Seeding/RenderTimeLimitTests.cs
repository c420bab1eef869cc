using System.Diagnostics;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// The render limit counts the render's own CPU time: a good file is never refused because the machine is busy (CI
/// rejected a 500-heading article that way while the browser tests ran beside it).
/// </summary>
public sealed class RenderTimeLimitTests
{
    [Fact]
    public async Task A_good_file_renders_while_every_core_is_taken_by_other_work()
    {
        var markdown = "---\nheadline: Many sections\npublished: 2025-01-01\n---\n"
            + string.Concat(Enumerable.Repeat("## Same\n\nText with <https://example.org/x> and *some* **emphasis**, `code`, a [link](https://example.org/y) and more words to set.\n\n- one\n- two\n\n> quoted\n\n", 900));
        var alone = Stopwatch.StartNew();
        Assert.DoesNotContain((await TestReader.ReadMarkdownAsync(markdown)).Problems, p => p.IsError);
        alone.Stop();

        // Four spinning threads a core: the render gets a fifth of the machine, so its wall time grows fivefold.
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.Highest }).ToList();
        spinners.ForEach(t => t.Start());
        try
        {
            var busy = Stopwatch.StartNew();
            var document = await TestReader.ReadMarkdownAsync(markdown);
            busy.Stop();

            Assert.DoesNotContain(document.Problems, p => p.IsError);
            Assert.NotNull(document.Article);
            TestContext.Current.TestOutputHelper?.WriteLine($"alone {alone.ElapsedMilliseconds} ms, busy {busy.ElapsedMilliseconds} ms");
        }
        finally
        {
            stop.Cancel();
            spinners.ForEach(t => t.Join());
        }
    }
}
