// Save-to-visible latency of preview mode, end to end: starts the real app (`dotnet run`, Development, so preview
// is on) over a temporary seeds folder, then saves an article again and again and polls its page until the new
// text shows. Prints every save and the median.
//
//   dotnet run --project bench/preview-latency [-- --saves 20]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

var saves = args is ["--saves", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 20;
var repo = FindRepository();
var work = Directory.CreateTempSubdirectory("newsfeed-preview-latency-");
var seeds = Directory.CreateDirectory(Path.Combine(work.FullName, "seeds")).FullName;
var article = Path.Combine(seeds, "bench.md");
File.WriteAllText(article, Article("The first version."));

var port = FreePort();
var start = new ProcessStartInfo("dotnet")
{
    WorkingDirectory = repo,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
};
foreach (var arg in new[]
{
    "run", "--project", "src/NewsFeed.Web", "--no-launch-profile", "--",
    "--urls", $"http://127.0.0.1:{port}",
    $"--NewsFeed:SeedsPath={seeds}",
    $"--ConnectionStrings:NewsFeed=Data Source={Path.Combine(work.FullName, "newsfeed.db")}",
})
{
    start.ArgumentList.Add(arg);
}

start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
start.Environment["Serilog__MinimumLevel__Default"] = "Warning";

using var app = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
app.OutputDataReceived += (_, _) => { };
app.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
app.BeginOutputReadLine();
app.BeginErrorReadLine();

using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
try
{
    Console.WriteLine($"Starting the app (builds first) on port {port}...");
    await WaitAsync(async () => await ShowsAsync(http, "The first version."), TimeSpan.FromMinutes(3));

    var results = new List<double>();
    for (var i = 1; i <= saves; i++)
    {
        var text = $"Save number {i}, {Guid.NewGuid():N}.";
        var clock = Stopwatch.StartNew();
        File.WriteAllText(article, Article(text));
        await WaitAsync(async () => await ShowsAsync(http, text), TimeSpan.FromSeconds(10));
        results.Add(clock.Elapsed.TotalMilliseconds);
        Console.WriteLine($"save {i,2}: {clock.Elapsed.TotalMilliseconds,6:0} ms");

        // Let this save's events settle, so the next one is a save of its own, not part of a burst.
        await Task.Delay(300);
    }

    results.Sort();
    Console.WriteLine(
        $"save-to-visible over {saves} saves: median {Median(results):0} ms, min {results[0]:0} ms, " +
        $"p90 {Percentile(results, 0.9):0} ms, max {results[^1]:0} ms");
}
finally
{
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
    work.Delete(recursive: true);
}

static string Article(string body) =>
    $"---\nheadline: Latency bench\nslug: bench\npublished: 2025-01-01T09:00:00Z\n---\n{body}\n";

static async Task<bool> ShowsAsync(HttpClient http, string text)
{
    try
    {
        using var response = await http.GetAsync(new Uri("/articles/bench", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains(text, StringComparison.Ordinal);
    }
    catch (HttpRequestException)
    {
        return false;
    }
}

static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
{
    var deadline = Stopwatch.StartNew();
    while (!await condition())
    {
        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"not visible after {timeout.TotalSeconds} s");
        }

        await Task.Delay(5);
    }
}

static double Median(List<double> sorted) =>
    sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "NewsFeed.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the NewsFeed repository.");
}
