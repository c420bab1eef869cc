namespace NewsFeed.Web.Model;

/// <summary>The lead image of an article. <see cref="Src"/> is null when the seed names no image file.</summary>
public sealed record HeroImage
{
    public string? Src { get; init; }
    public string? Alt { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
}
