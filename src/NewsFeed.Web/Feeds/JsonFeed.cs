using System.Text.Json.Serialization;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1); property names come out in its snake_case.</summary>
internal sealed record JsonFeed(
    string Version, string Title, string HomePageUrl, string FeedUrl, string Description, string Language,
    IReadOnlyList<JsonFeedItem> Items)
{
    public static IResult Result(Feed feed, SiteOptions site)
    {
        var json = new JsonFeed(
            "https://jsonfeed.org/version/1.1", feed.Title, feed.PageUrl, feed.JsonUrl, feed.Description, site.Language,
            [.. feed.Entries.Select(e =>
            {
                var url = site.Absolute(PagePaths.Article(e.Slug));
                return new JsonFeedItem(
                    url, url, e.Headline, e.Excerpt, e.Html,
                    e.Image?.Src is { } src ? site.Absolute(src) : null,
                    FeedFormat.Utc(e.PublishedUtc), FeedFormat.Utc(e.ModifiedUtc),
                    e.Author is null ? null : [new JsonFeedAuthor(e.Author.Name, site.Absolute(PagePaths.Author(e.Author.Slug)))],
                    e.Tags);
            })]);
        return TypedResults.Json(json, JsonFeedContext.Default.JsonFeed, FeedLinks.JsonContentType);
    }
}

internal sealed record JsonFeedItem(
    string Id, string Url, string Title, string Summary, string ContentHtml, string? Image,
    DateTimeOffset DatePublished, DateTimeOffset DateModified, IReadOnlyList<JsonFeedAuthor>? Authors, IReadOnlyList<string> Tags);

internal sealed record JsonFeedAuthor(string Name, string Url);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonFeed))]
internal sealed partial class JsonFeedContext : JsonSerializerContext;
