using NewsFeed.Tests.Support;

namespace NewsFeed.BrowserTests.Support;

/// <summary>
/// The real app over the <see cref="Newsroom"/> corpus, served by Kestrel on a free port for a browser. Shared by the
/// tests of one class: they only read pages, so none can disturb another.
/// </summary>
public sealed class ServedSite : IAsyncLifetime
{
    private readonly SeedFolder _seeds = Newsroom.Create();
    private NewsFeedApp? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        _app = new NewsFeedApp(_seeds);
        BaseAddress = Serve(_app);
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts <paramref name="app"/> on a real port (Kestrel, not the in-memory test server) and returns its address.</summary>
    public static Uri Serve(NewsFeedApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        return client.BaseAddress!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _seeds.Dispose();
    }
}
