using NewsFeed.Web.Caching;

namespace NewsFeed.Web.Preview;

/// <summary>
/// What a change touched, in an editor's words, from the same keys that evict cached pages: "the article
/// /articles/harbour, the front page and the site's feeds, the pages of tag port, search results".
/// </summary>
public static class SaveImpact
{
    public static IReadOnlyList<string> Describe(ContentChange change)
    {
        if (change.Everything || change.Keys.Contains(ContentKeys.SectionNav))
        {
            return ["every page (the section links in the header changed)"];
        }

        var parts = new List<string>();
        void Each(string prefix, Func<string, string> say) =>
            parts.AddRange(change.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                .Select(k => say(k[prefix.Length..])));

        Each(ContentKeys.ArticleBody(""), slug => $"the article /articles/{slug}");
        Each(ContentKeys.Article(""), slug => $"the teasers of /articles/{slug} on other pages");
        if (change.Keys.Contains(ContentKeys.Newest))
        {
            parts.Add("the front page and the site's feeds");
        }

        Each(ContentKeys.Section(""), slug => $"the pages and feeds of section {slug}");
        Each(ContentKeys.Tag(""), slug => $"the pages and feeds of tag {slug}");
        Each(ContentKeys.AuthorListing(""), slug => $"the article list of author {slug}");
        Each(ContentKeys.Author(""), slug => $"author {slug}'s page, card and bylines");
        foreach (var (key, words) in new[]
        {
            (ContentKeys.TagIndex, "the tag index"), (ContentKeys.AuthorIndex, "the author index"),
            (ContentKeys.Search, "search results"), (ContentKeys.Sitemap, "the sitemaps"),
        })
        {
            if (change.Keys.Contains(key))
            {
                parts.Add(words);
            }
        }

        return parts;
    }
}
