using CsCheck;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;

namespace NewsFeed.Tests.Listings;

/// <summary>
/// The in-memory listings against a plain reading of the listing query, over thousands of random small sites: the
/// articles a listing holds, what the page may show, newest first then by id, twenty to a page, with "more" when a
/// next page has any. After any run of edits and removals a set must page exactly as one built afresh.
/// </summary>
public sealed class ListingSetTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Slugs = ["a", "b", "c"];

    private static Gen<string?> Maybe(string prefix) => Gen.Int[0, 3].Select(i => i == 0 ? null : prefix + i);

    // Few ids, dates, tags, authors and sections: articles collide on each, and pages run past 20.
    private static readonly Gen<ListedArticle> Article =
        Gen.Select(Gen.Int[1, 80], Gen.Int[-20, 5], Gen.Int[0, 5], Maybe("au"), Maybe("se"), Gen.Int[0, 7])
            .Select(t => new ListedArticle(
                new ArticleCard($"s{t.Item1}", $"Headline {t.Item1}", "", Now.AddDays(t.Item2), 1, t.Item4, t.Item5, t.Item5, null,
                    IsDraft: t.Item3 == 0, Id: t.Item1, AuthorSlug: t.Item4, Language: t.Item2 % 3 == 0 ? "uk" : "en"),
                [.. Slugs.Where((_, i) => (t.Item6 & (1 << i)) != 0)]));

    private static readonly Gen<List<ListedArticle>> Site =
        Article.List[0, 70].Select(all => all.GroupBy(a => a.Card.Id).Select(g => g.Last()).ToList());

    private static readonly Gen<Listing> AnyListing =
        Gen.Int[0, 10].Select(i => i switch
        {
            0 or 1 => Listing.Newest,
            10 => Listing.Edition("uk"),
            2 or 3 => Listing.Tag(Slugs[i % 3]),
            4 => Listing.Tag("none"),
            5 or 6 => Listing.Author($"au{i - 4}"),
            _ => Listing.Section($"se{i - 6}"),
        });

    [Fact]
    public void A_page_holds_what_the_listing_query_would_read()
    {
        Gen.Select(Site, AnyListing, Gen.Int[1, 5], Gen.Bool).Sample((site, listing, number, preview) =>
        {
            bool Visible(ArticleCard c) => preview || (!c.IsDraft && c.PublishedUtc <= Now);
            var page = new ListingSet(site).Page(listing, number, Visible);

            var expected = Rule(site, listing, Visible).Skip((number - 1) * ArticleQueries.PageSize).ToList();
            Assert.Equal(expected.Take(ArticleQueries.PageSize).Select(c => c.Id), page.Articles.Select(c => c.Id));
            Assert.Equal(expected.Count > ArticleQueries.PageSize, page.HasMore);
            Assert.Equal(number, page.Number);
        }, iter: 5_000, threads: 1);
    }

    [Fact]
    public void Changes_leave_the_set_as_one_built_afresh()
    {
        var step = Gen.Select(Site, Maybe("au"), (added, author) => (Added: added, DropAuthor: author));
        Gen.Select(Site, step.List[1, 6]).Sample((site, steps) =>
        {
            var set = new ListingSet(site);
            var current = site.ToDictionary(a => a.Card.Id);
            foreach (var (added, dropAuthor) in steps)
            {
                set = set.With(added, c => dropAuthor is not null && c.AuthorSlug == dropAuthor);
                foreach (var gone in current.Values.Where(a => dropAuthor is not null && a.Card.AuthorSlug == dropAuthor).ToList())
                {
                    current.Remove(gone.Card.Id);
                }

                foreach (var a in added)
                {
                    current[a.Card.Id] = a;
                }
            }

            var fresh = new ListingSet(current.Values);
            Assert.Equal(fresh.Count, set.Count);
            foreach (var listing in new[] { Listing.Newest, Listing.Tag("a"), Listing.Tag("c"), Listing.Author("au1"), Listing.Section("se2"), Listing.Edition("en") })
            {
                for (var number = 1; number <= 4; number++)
                {
                    Assert.Equal(
                        fresh.Page(listing, number, _ => true).Articles.Select(c => c.Id),
                        set.Page(listing, number, _ => true).Articles.Select(c => c.Id));
                }
            }

            foreach (var id in current.Keys)
            {
                Assert.Equal(current[id].Card, set.Card(id));
            }
        }, iter: 1_000, threads: 1);
    }

    /// <summary>The listing query read plainly: its members, what may be seen, newest first, then by id.</summary>
    private static IEnumerable<ArticleCard> Rule(List<ListedArticle> site, Listing listing, Func<ArticleCard, bool> visible) =>
        site.Where(a => listing.Kind switch
            {
                ListingKind.Newest => true,
                ListingKind.Edition => a.Card.Language == listing.Slug,
                ListingKind.Tag => a.TagSlugs.Contains(listing.Slug),
                ListingKind.Author => a.Card.AuthorSlug == listing.Slug,
                _ => a.Card.SectionSlug == listing.Slug,
            })
            .Select(a => a.Card)
            .Where(visible)
            .OrderByDescending(c => c.PublishedUtc)
            .ThenBy(c => c.Id);
}
