using Microsoft.Playwright;

namespace NewsFeed.BrowserTests.Support;

/// <summary>
/// One Chromium for a test collection: the machine's Debian build, never a browser Playwright downloads. Without it
/// every test skips with the command that installs it, so the suite still runs (and says why) on a bare machine.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Overrides the browser's path, e.g. a Chromium build outside /usr/bin.</summary>
    public const string PathVariable = "NEWSFEED_CHROMIUM";

    private const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        // Belt and braces: nothing here calls "playwright install", and this keeps any code path from fetching a build.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Expect(...) waits 5 s by default; on two shared cores a page can take longer. Timing tests pass their own.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. The rest keep a test run
            // quiet: no GPU on the machine, and no update, sync or first-run traffic to anyone.
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh context (cookies, storage, cache) for one test; skips the test when there is no Chromium.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        if (_browser is null)
        {
            Assert.Skip($"Chromium not found at {ExecutablePath}. Install it with 'apt-get install -y chromium' " +
                $"(Debian/Ubuntu), or point {PathVariable} at a Chromium or Chrome binary.");
        }

        return await _browser.NewContextAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

// One browser per collection: the collections run side by side (two at a time on two cores), each with its own Chromium.

[CollectionDefinition(nameof(Journeys))]
public sealed class Journeys : ICollectionFixture<Chromium>;

[CollectionDefinition(nameof(AccessibilityChecks))]
public sealed class AccessibilityChecks : ICollectionFixture<Chromium>;

[CollectionDefinition(nameof(DarkModeChecks))]
public sealed class DarkModeChecks : ICollectionFixture<Chromium>;

[CollectionDefinition(nameof(PreviewReloads))]
public sealed class PreviewReloads : ICollectionFixture<Chromium>;
