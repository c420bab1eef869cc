namespace NewsFeed.Web.Data;

/// <summary>Column lengths, shared by the store configuration and the seed validation that enforces them.</summary>
public static class SeedLimits
{
    public const int SlugLength = 120;
    public const int HeadlineLength = 300;
    public const int NameLength = 120;
    public const int DekLength = 1000;
    public const int UrlLength = 2048;
    public const int PathLength = 400;
    public const int TagCount = 20;
    public const int RelatedCount = 20;
    public const int CorrectionCount = 20;
}
