namespace NewsFeed.Web.Feeds;

/// <summary>The paths of the public pages, for links on pages, in feeds and in sitemaps (the pages live under Pages/).</summary>
internal static class PagePaths
{
    public const string Home = "/";

    public static string Article(string slug) => $"/articles/{Uri.EscapeDataString(slug)}";
    public static string Author(string slug) => $"/authors/{Uri.EscapeDataString(slug)}";
    public static string Tag(string slug) => $"/tags/{Uri.EscapeDataString(slug)}";
    public static string Section(string slug) => $"/sections/{Uri.EscapeDataString(slug)}";

    /// <summary>Search with the chrome in <paramref name="edition"/>'s language: <c>/search</c>, <c>/uk/search</c>.</summary>
    public static string Search(Site.Edition edition) => edition.Prefix + "/search";
}
