using Microsoft.AspNetCore.Mvc.Testing;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Feeds;

/// <summary>
/// One small newsroom that the feed, sitemap and robots tests read (they only read, so they share it).
/// The clock stands at <see cref="Now"/>. Public, newest first: harbor (4 h ago, updated 1 h ago), bridge
/// (40 h ago), night shift (49 h ago, just outside Google News' two days), market (September). Never public:
/// a draft, and an article scheduled for tomorrow, each with a tag, section and author of its own.
/// </summary>
public sealed class Newsroom : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 10, 10, 12, 0, 0, TimeSpan.Zero);

    public const string SiteName = "Harbor Daily";
    public const string Description = "News from the harbor.";
    public const string Language = "en-GB";

    public static readonly DateTime HarborPublished = Now.UtcDateTime.AddHours(-4);
    public static readonly DateTime HarborUpdated = Now.UtcDateTime.AddHours(-1);
    public static readonly DateTime BridgePublished = Now.UtcDateTime.AddHours(-40);
    public static readonly DateTime NightPublished = Now.UtcDateTime.AddHours(-49);
    public static readonly DateTime MarketPublished = new(2025, 9, 1, 10, 0, 0, DateTimeKind.Utc);

    public static readonly MarkdownArticle Harbor = new MarkdownArticle("Harbor reopens after the storm")
        .WithSlug("harbor-reopens")
        .WithDek("Ships return to the east quay.")
        .PublishedOn(HarborPublished)
        .WithField($"updated: {HarborUpdated:yyyy-MM-dd'T'HH:mm:ss'Z'}")
        .By("ana-li")
        .InSection("News")
        .Tagged("Shipping", "Harbor")
        .WithField("image:\n  src: images/harbor.jpg\n  alt: Cranes at dawn\n  caption: The east quay at dawn.\n  credit: Ana Li")
        .WithBody("The harbor opened at six. See [the map](/media/harbor.jpg), [the vote](/articles/bridge-vote) and [the top](#top).");

    public static readonly MarkdownArticle Bridge = new MarkdownArticle("Bridge vote delayed again")
        .WithSlug("bridge-vote")
        .PublishedOn(BridgePublished)
        .By("ben-ode")
        .InSection("Politics")
        .Tagged("Bridge")
        .WithField("image:\n  src: https://images.example.org/bridge.jpg\n  alt: The old bridge")
        .WithBody("Council members postponed the vote on the new bridge.\n\nA second paragraph.");

    public static readonly MarkdownArticle Night = new MarkdownArticle("The night shift at the port")
        .WithSlug("night-shift")
        .PublishedOn(NightPublished)
        .By("ana-li")
        .InSection("News");

    public static readonly MarkdownArticle Market = new MarkdownArticle("Old market closes")
        .WithSlug("old-market")
        .PublishedOn(MarketPublished)
        .InSection("News")
        .Tagged("Shipping");

    public static readonly MarkdownArticle Draft = new MarkdownArticle("Secret plan for the harbor")
        .WithSlug("secret-plan")
        .PublishedOn(Now.UtcDateTime.AddHours(-2))
        .AsDraft()
        .By("ben-ode")
        .InSection("Hidden")
        .Tagged("Secret", "Harbor");

    public static readonly MarkdownArticle Scheduled = new MarkdownArticle("Tomorrow's tide")
        .WithSlug("tomorrows-tide")
        .PublishedOn(Now.UtcDateTime.AddDays(1))
        .By("ana-li")
        .InSection("Later")
        .Tagged("Future", "Shipping");

    private readonly SeedFolder _seeds = SeedFolder.Create()
        .Write("authors/ana-li.md", "---\nname: Ana Li\n---\nAna covers the port.\n")
        .Write("authors/ben-ode.md", "---\nname: Ben Ode\n---\nBen covers the council.\n")
        .Write("authors/cy-ray.md", "---\nname: Cy Ray\n---\nCy has not published yet.\n")
        .WriteBytes("images/harbor.jpg", TestImages.Jpeg(1600, 900))
        .With(Harbor).With(Bridge).With(Night).With(Market).With(Draft).With(Scheduled);

    private readonly NewsFeedApp _app;

    public Newsroom()
    {
        _app = new NewsFeedApp(_seeds)
            .WithSetting("NewsFeed:Site:Name", SiteName)
            .WithSetting("NewsFeed:Site:Description", Description)
            .WithSetting("NewsFeed:Site:Language", Language);
        App = _app.At(Now);
    }

    public WebApplicationFactory<Program> App { get; }

    public void Dispose()
    {
        _app.Dispose();
        _seeds.Dispose();
    }
}
