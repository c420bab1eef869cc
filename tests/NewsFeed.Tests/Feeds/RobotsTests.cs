using System.Net;
using static NewsFeed.Tests.Feeds.FeedTesting;

namespace NewsFeed.Tests.Feeds;

public sealed class RobotsTests(Newsroom newsroom) : IClassFixture<Newsroom>
{
    [Fact]
    public async Task Robots_allows_everything_and_names_both_sitemaps()
    {
        var text = await newsroom.App.GetTextAsync("/robots.txt", "text/plain");

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["User-agent: *", "Allow: /", $"Sitemap: {Absolute("/sitemap.xml")}", $"Sitemap: {Absolute("/news-sitemap.xml")}"],
            lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Disallow:", StringComparison.OrdinalIgnoreCase) && l.Trim() != "Disallow:");
    }

    [Fact]
    public async Task The_sitemaps_robots_names_answer()
    {
        var text = await newsroom.App.GetTextAsync("/robots.txt", "text/plain");

        var sitemaps = text.Split('\n').Where(l => l.StartsWith("Sitemap: ", StringComparison.Ordinal)).Select(l => new Uri(l["Sitemap: ".Length..].Trim())).ToList();
        Assert.Equal(2, sitemaps.Count);
        foreach (var sitemap in sitemaps)
        {
            Assert.Equal(HttpStatusCode.OK, await newsroom.App.GetStatusAsync(sitemap.AbsolutePath));
        }
    }
}
