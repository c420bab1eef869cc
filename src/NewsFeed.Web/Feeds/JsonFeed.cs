using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Feeds;

/// <summary>
/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), property names in its snake_case: the feed's own fields, then the
/// items as stored at import (<see cref="FeedItems.Json"/>).
/// </summary>
internal sealed class JsonFeed(Feed feed, SiteOptions site) : IResult
{
    /// <summary>
    /// What the feed escapes: what JSON requires (quotes, backslashes, control characters), not the HTML-sensitive
    /// characters and non-ASCII letters the default encoder escapes for JSON put inside a web page. The feed is a
    /// document of its own, served as JSON with <c>nosniff</c>; escaped, every tag of an item's HTML took 12 more bytes
    /// and every Ukrainian letter 6 bytes instead of 2, in the store and on the wire.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static IResult Result(Feed feed, SiteOptions site) => new JsonFeed(feed, site);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = FeedLinks.JsonContentType;
        await using var json = new Utf8JsonWriter(httpContext.Response.Body, new JsonWriterOptions { Encoder = Encoder });
        json.WriteStartObject();
        json.WriteString("version", "https://jsonfeed.org/version/1.1");
        json.WriteString("title", feed.Title);
        json.WriteString("home_page_url", feed.PageUrl);
        json.WriteString("feed_url", feed.JsonUrl);
        json.WriteString("description", feed.Description);
        json.WriteString("language", feed.Language ?? site.Language);
        json.WriteStartArray("items");
        foreach (var entry in feed.Entries)
        {
            json.WriteRawValue(entry.Item, skipInputValidation: true);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }
}

internal sealed record JsonFeedItem(
    string Id, string Url, string Title, string Summary, string ContentHtml, string? Image,
    DateTimeOffset DatePublished, DateTimeOffset DateModified, IReadOnlyList<JsonFeedAuthor>? Authors, IReadOnlyList<string> Tags);

internal sealed record JsonFeedAuthor(string Name, string Url);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonFeedItem))]
internal sealed partial class JsonFeedContext : JsonSerializerContext
{
    /// <summary>The items' context, with the feed's <see cref="JsonFeed.Encoder"/> (made on first use: <see cref="JsonSerializerContext"/>'s
    /// generated <c>Default</c> may not be set yet while this class's other static members are).</summary>
    public static JsonFeedContext Feed => field ??= new(new JsonSerializerOptions(Default.Options) { TypeInfoResolver = null, Encoder = JsonFeed.Encoder });
}
