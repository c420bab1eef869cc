using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Site;

/// <summary>
/// Hostile requests against the app on a real Kestrel port, sent as raw HTTP so no client normalizes them
/// first: every one answers 4xx (or a correct 200/405), never 5xx, and never a file outside the served folders.
/// </summary>
public sealed class HostileRequestTests : IClassFixture<HostileRequestTests.Server>
{
    private const string Secret = "SECRET-OUTSIDE-MEDIA";
    private readonly Server _server;

    public HostileRequestTests(Server server) => _server = server;

    public static TheoryData<string> Targets => new(
        "/articles/..%2f..%2fappsettings.json",
        "/articles/%2e%2e%2f%2e%2e%2fappsettings.json",
        "/articles/..%5c..%5cappsettings.json",
        "/articles/%252e%252e%252fsecret",
        "/articles/story%00.md",
        "/articles/%c0%ae%c0%ae%c0%af",
        "/articles/%ff%fe",
        "/articles/" + new string('a', 3000),
        "/media/../notes.bak",
        "/media/..%2fnotes.bak",
        "/media/%2e%2e/notes.bak",
        "/media/%2e%2e%2fnotes.bak",
        "/media/..%5cnotes.bak",
        "/media/%252e%252e%252fnotes.bak",
        "/media/../../secret.md",
        "/media/photo.png%00.md",
        "/media/images/../../notes.bak",
        "/media//etc/passwd",
        "/media/%2fetc%2fpasswd",
        "/page/-1",
        "/page/0",
        "/page/99999999999999999999",
        "/page/1e3",
        "/page/%31",
        "/tags/%00",
        "/authors/" + new string('x', 3000),
        "/sections/..%2f..",
        "/search?q=" + new string('"', 3000),
        "/search?q=a&p=-5",
        "/search?q=a&p=99999999999999999999",
        "/search?q=%00%01%02",
        "/feed.xml?q=" + new string('x', 4000),
        "/tags/..%2f..%2fappsettings.json/feed.xml",
        "/sitemap-0.xml",
        "/sitemap-99999999999.xml",
        "/_preview/problems",
        "/error/500",
        "/%2e%2e/%2e%2e/etc/passwd");

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Hostile_paths_answer_4xx_or_200_and_leak_nothing(string target)
    {
        var (status, body) = await _server.SendAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.True(status is (>= 400 and < 500) or 200 or 301 or 308, $"{target} answered {status}");
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("OPTIONS")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_get_and_head_answer_405_on_every_page_type(string method)
    {
        foreach (var path in new[] { "/", "/articles/story", "/authors", "/tags/water", "/search?q=a", "/feed.xml", "/sitemap.xml", "/media/photo.png", "/nope" })
        {
            var (status, _) = await _server.SendAsync($"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            Assert.True(status == 405, $"{method} {path} answered {status}");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/story")]
    [InlineData("/feed.xml")]
    public async Task Head_answers_200_without_a_body(string path)
    {
        var (status, body) = await _server.SendAsync($"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, status);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task Oversized_headers_and_request_lines_are_refused_with_4xx()
    {
        var (headerStatus, _) = await _server.SendAsync($"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('a', 40_000)}\r\nConnection: close\r\n\r\n");
        var (lineStatus, _) = await _server.SendAsync($"GET /search?q={new string('a', 20_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.InRange(headerStatus, 400, 499);
        Assert.InRange(lineStatus, 400, 499);
    }

    [Fact]
    public async Task Responses_carry_no_server_header_and_security_headers_even_on_errors_and_feeds()
    {
        foreach (var path in new[] { "/", "/nope", "/feed.xml", "/media/photo.png", "/articles/%ff" })
        {
            var raw = await _server.SendRawAsync($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            var head = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
            Assert.DoesNotContain("\r\nServer:", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\r\nContent-Security-Policy:", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\r\nX-Content-Type-Options: nosniff", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\r\nReferrer-Policy:", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\r\nPermissions-Policy:", head, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Hsts_lasts_at_least_a_year()
    {
        var hsts = _server.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value;

        Assert.True(hsts.MaxAge >= TimeSpan.FromDays(365), $"HSTS max-age is {hsts.MaxAge}");
    }

    public sealed class Server : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create()
            .WriteBytes("images/photo.png", TestImages.Png(1600, 900))
            .Write("notes.bak", Secret)
            .With(new MarkdownArticle("Story").WithSlug("story").Tagged("Water"));

        public Server()
        {
            // The secret also sits beside the seeds folder, where nothing may ever serve it from.
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(_seeds.Root)!, "secret.md"), Secret);
            App = new NewsFeedApp(_seeds);
            App.UseKestrel(0);
            App.StartServer();
            using var client = App.CreateClient();
            Port = client.BaseAddress!.Port;
        }

        public NewsFeedApp App { get; }

        public int Port { get; }

        public async Task<(int Status, string Body)> SendAsync(string request)
        {
            var raw = await SendRawAsync(request);
            var statusLine = raw.Length >= 12 ? raw[..raw.IndexOf("\r\n", StringComparison.Ordinal)] : raw;
            var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return (status, split < 0 ? "" : raw[(split + 4)..]);
        }

        public async Task<string> SendRawAsync(string request)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request), TestContext.Current.CancellationToken);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        }

        public void Dispose()
        {
            App.Dispose();
            _seeds.Dispose();
        }
    }
}
