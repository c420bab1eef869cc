using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace NewsFeed.BrowserTests.Support;

/// <summary>
/// One reader in a fresh browser context. It records what a reader would never notice but should never happen
/// (console errors, script errors, failed requests, error statuses) and, at every <see cref="CheckPageAsync"/>,
/// asserts there were none, that a phone needs no horizontal scrolling, and saves a full-page screenshot.
/// </summary>
public sealed class Reader : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly Uri _baseAddress;
    private readonly Screen _screen;
    private readonly string _name;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<string, int> _expectedStatus = new();
    private readonly ConcurrentDictionary<IRequest, byte> _inFlight = new();
    private long _lastActivity = Environment.TickCount64;
    private int _shots;

    private Reader(IBrowserContext context, IPage page, Uri baseAddress, Screen screen, string name)
    {
        _context = context;
        Page = page;
        _baseAddress = baseAddress;
        _screen = screen;
        _name = name;

        page.Console += (_, message) =>
        {
            // Chromium also logs the intended error status of a document it was sent to (a 404 page) as a console
            // error; any other status is still caught by the Response handler.
            var intended = message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) &&
                _expectedStatus.Keys.Any(url => message.Location.StartsWith(url, StringComparison.Ordinal));
            if (message.Type == "error" && !intended)
            {
                _problems.Enqueue($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"script error on {page.Url}: {error}");
        // Playwright's NetworkIdle never comes while an event stream is open (preview pages hold one): count the rest.
        page.Request += (_, request) =>
        {
            if (request.ResourceType != "eventsource")
            {
                _inFlight[request] = 0;
                Volatile.Write(ref _lastActivity, Environment.TickCount64);
            }
        };
        page.RequestFinished += (_, request) => Settled(request);
        page.RequestFailed += (_, request) =>
        {
            Settled(request);
            // A page that reloads itself (preview) or is left while its event stream is open aborts that stream: expected.
            if (!(request.Failure == "net::ERR_ABORTED" && request.ResourceType == "eventsource"))
            {
                _problems.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            var expected = _expectedStatus.TryGetValue(response.Url, out var status) ? status : 0;
            if (response.Status >= 400 && response.Status != expected)
            {
                _problems.Enqueue($"{response.Status} for {response.Request.Method} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    private void Settled(IRequest request)
    {
        _inFlight.TryRemove(request, out _);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
    }

    /// <summary>Where screenshots go: below the test assembly, so a person can look after a run.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>A new context and page; <paramref name="variant"/> tells screenshots apart: the viewport, "nojs", "dark" ...</summary>
    public static async Task<Reader> OpenAsync(Chromium chromium, Uri baseAddress, Screen screen, string variant,
        bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await chromium.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = screen.Width, Height = screen.Height },
            JavaScriptEnabled = javaScript,
            ColorScheme = colorScheme,
            Locale = "en-US",
        });
        // Actions wait at most this long (Playwright's default is 30 s): a page of this site is ready in milliseconds,
        // but CI shares two cores with the in-process suite.
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var name = $"{TestContext.Current.TestMethod?.MethodName ?? "test"}-{variant}";
        // A shorter run of the same test must not leave an earlier run's later screenshots looking current.
        if (Directory.Exists(ScreenshotFolder))
        {
            foreach (var old in Directory.EnumerateFiles(ScreenshotFolder, name + "-??.png"))
            {
                File.Delete(old);
            }
        }

        return new Reader(context, page, baseAddress, screen, name);
    }

    /// <summary>Opens a site-relative address; <paramref name="status"/> other than 200 is allowed for that document only.</summary>
    public async Task GotoAsync(string path, int status = 200)
    {
        var url = new Uri(_baseAddress, path).ToString();
        if (status != 200)
        {
            _expectedStatus[url] = status;
        }

        var response = await Page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
        await CheckPageAsync();
    }

    /// <summary>Asserts the page is clean so far, fits a phone's width, and saves its screenshot.</summary>
    public async Task CheckPageAsync()
    {
        // Everything the page asked for has answered (or failed, and been recorded) before judging it: loaded, then
        // no request in flight for 300 ms, as NetworkIdle (500 ms) would say if event streams did not count.
        // Polled rather than WaitForLoadStateAsync(Load), which once missed a load on a loaded machine.
        var deadline = Environment.TickCount64 + 15_000;
        while (!_inFlight.IsEmpty || Environment.TickCount64 - Volatile.Read(ref _lastActivity) < 300 ||
            await Page.EvaluateAsync<string>("() => document.readyState") != "complete")
        {
            Assert.True(Environment.TickCount64 < deadline, $"{Page.Url}: still loading {string.Join(", ", _inFlight.Keys.Select(r => r.Url))}");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(_problems.IsEmpty, $"On {Page.Url}:\n" + string.Join("\n", _problems));

        // A stylesheet answered with an empty 200 (a static-assets misconfiguration) fails no request and logs nothing.
        var emptySheets = await Page.EvaluateAsync<string[]>(
            "() => [...document.styleSheets].filter(s => s.href && s.cssRules.length === 0).map(s => s.href)");
        Assert.True(emptySheets.Length == 0, $"Empty stylesheets on {Page.Url}: {string.Join(", ", emptySheets)}");

        if (_screen.IsPhone)
        {
            var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"{Page.Url} scrolls sideways at {_screen}: content is {widths[0]} px wide, the window {widths[1]} px");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        var shot = Interlocked.Increment(ref _shots);
        var file = Path.Combine(ScreenshotFolder, string.Create(CultureInfo.InvariantCulture, $"{_name}-{shot:00}.png"));
        await Page.ScreenshotAsync(new() { Path = file, FullPage = true });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
