namespace NewsFeed.Web.Images;

/// <summary>Where variants are kept: <c>NewsFeed:Images:CachePath</c>, or a folder beside the SQLite database.</summary>
public sealed class ImageOptions
{
    public const string Section = "NewsFeed:Images";

    public string? CachePath { get; set; }
}
