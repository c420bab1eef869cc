using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Site;

public sealed class LoggingTests
{
    [Fact]
    public async Task Each_host_logs_requests_into_its_own_sinks()
    {
        using var seedsA = SeedFolder.Create();
        using var seedsB = SeedFolder.Create();
        using var a = new NewsFeedApp(seedsA);
        using var b = new NewsFeedApp(seedsB);

        await a.GetPageAsync("/");
        await b.GetPageAsync("/authors");

        static bool Completed(Serilog.Events.LogEvent e) => e.Properties.ContainsKey("StatusCode");
        Assert.Contains(a.Logs.WithProperty("RequestPath", "/").Where(Completed), e => e.Properties["StatusCode"].ToString() == "200");
        Assert.Empty(a.Logs.WithProperty("RequestPath", "/authors"));
        Assert.Single(b.Logs.WithProperty("RequestPath", "/authors"), Completed);
    }
}
