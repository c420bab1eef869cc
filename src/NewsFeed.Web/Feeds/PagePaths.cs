namespace NewsFeed.Web.Feeds;

/// <summary>The public pages that feeds and sitemaps point to (the pages themselves live under Pages/).</summary>
internal static class PagePaths
{
    public const string Home = "/";

    public static string Article(string slug) => $"/articles/{Uri.EscapeDataString(slug)}";
    public static string Author(string slug) => $"/authors/{Uri.EscapeDataString(slug)}";
    public static string Tag(string slug) => $"/tags/{Uri.EscapeDataString(slug)}";
    public static string Section(string slug) => $"/sections/{Uri.EscapeDataString(slug)}";
}
