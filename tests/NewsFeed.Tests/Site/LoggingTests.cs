using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Site;

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

    [Fact]
    public async Task A_reader_leaving_mid_page_is_a_499_and_any_other_cancellation_stays_an_error()
    {
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        app.UseClientAborts();
        app.Run(context => throw new OperationCanceledException(context.RequestAborted));
        var pipeline = app.Build();

        using var left = new CancellationTokenSource();
        await left.CancelAsync();
        var aborted = new DefaultHttpContext { RequestAborted = left.Token };
        await pipeline(aborted);
        Assert.Equal(SiteExtensions.ClientClosedRequest, aborted.Response.StatusCode);

        await Assert.ThrowsAsync<OperationCanceledException>(() => pipeline(new DefaultHttpContext()));
    }
}
