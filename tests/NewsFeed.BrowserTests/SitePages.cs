namespace NewsFeed.BrowserTests;

/// <summary>One address of every page type a reader can reach, over the <see cref="Support.Newsroom"/> corpus.</summary>
public static class SitePages
{
    public static readonly TheoryData<string, string, int> All = new()
    {
        { "feed", "/", 200 },
        { "feed-page-3", "/page/3", 200 },
        { "article", "/articles/story-01", 200 },
        { "article-corrected", "/articles/story-02", 200 },
        { "author", "/authors/ana-ruiz", 200 },
        { "authors", "/authors", 200 },
        { "tag", "/tags/harbour", 200 },
        { "tags", "/tags", 200 },
        { "section", "/sections/culture", 200 },
        { "search", "/search?q=lighthouse", 200 },
        { "search-no-results", "/search?q=zeppelin", 200 },
        { "search-empty", "/search", 200 },
        { "about", "/about", 200 },
        { "corrections", "/corrections", 200 },
        { "corrections-page-2", "/corrections/page/2", 200 },
        { "not-found", "/articles/no-such-story", 404 },
        { "uk-feed", "/uk/", 200 },
        { "uk-article", "/articles/istoriia-04", 200 },
        { "uk-search", "/uk/search?q=маяк", 200 },
        { "uk-not-found", "/uk/no-such-page", 404 },
    };
}
