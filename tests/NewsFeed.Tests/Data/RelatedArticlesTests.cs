using CsCheck;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;

namespace NewsFeed.Tests.Data;

/// <summary>
/// "Read more" is made in two steps (candidates at import, the visible choice per request). Over thousands of random
/// small sites, the two steps must give exactly what the rule says when applied to the whole site at request time:
/// in preview and not, with scheduled articles coming due after the candidates were made.
/// </summary>
public sealed class RelatedArticlesTests
{
    private static readonly DateTime Base = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Stored_candidates_give_what_the_rule_gives_on_the_whole_site()
    {
        var story = Gen.Select(Gen.Int[0, 15], Gen.Bool, Gen.Int[-60, 60], (tags, draft, hours) => (Tags: tags, Draft: draft && hours % 3 == 0, Hours: hours));
        var link = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 14], Gen.Bool, (kind, target, excerpt) => (Kind: kind, Target: target, Excerpt: excerpt));
        var cases = Gen.Select(story.Array[2, 14], link.Array[0, 5], Gen.Int[0, 13], Gen.Int[-40, 40], Gen.Int[0, 80], Gen.Bool,
            (stories, links, pick, built, later, preview) => new Case(stories, links, pick % stories.Length, built, later, preview));

        var differentFill = 0;
        cases.Sample(c =>
        {
            var site = c.Site();
            var article = site[c.Pick];
            var madeAt = Base.AddHours(c.BuiltAtHours);
            var shownAt = madeAt.AddHours(c.LaterHours);

            var pool = new Candidates();
            foreach (var a in site)
            {
                pool.Add(a.Id, new ReadMoreTeaser(a.Slug, a.Headline, a.Excerpt, a.IsDraft, a.PublishedUtc), a.TagIds);
            }

            pool.Sort();
            var links = RelatedArticles.Links(article.Slug, article.RelatedLinks, pool);
            var fill = RelatedArticles.Candidates(article.Id, article.TagIds, links.Count(l => l.Target is not null), pool, madeAt);
            var view = StoredView.Empty with { Links = links, Fill = fill };
            bool Visible(bool draft, DateTime published) => c.Preview || ArticleQueries.IsPublicAt(draft, published, shownAt);

            var stored = RelatedArticles.Choose(article.Slug, view, t => Visible(t.IsDraft, t.PublishedUtc));
            var expected = Rule(site, article, a => Visible(a.IsDraft, a.PublishedUtc));
            Assert.Equal(expected, stored);
            if (fill.Count < site.Count - 1)
            {
                Interlocked.Increment(ref differentFill);
            }
        }, iter: 20_000, print: c => c.ToString());

        // The stored candidates must be cut short often, or the property says nothing about the cut.
        Assert.True(differentFill > 1_000, $"{differentFill} cases with fewer candidates than articles");
    }

    [Fact]
    public void The_in_memory_visibility_rule_is_the_query_rule()
    {
        var rule = ArticleQueries.IsPublic(Base).Compile();
        Gen.Select(Gen.Bool, Gen.Int[-5, 5]).Sample((draft, minutes) =>
        {
            var article = new Article
            {
                Slug = "a",
                Language = "en",
                Headline = "A",
                Excerpt = "",
                Html = "",
                SourcePath = "a.md",
                ContentHash = "",
                IsDraft = draft,
                PublishedUtc = Base.AddMinutes(minutes),
            };
            Assert.Equal(rule(article), ArticleQueries.IsPublicAt(draft, article.PublishedUtc, Base));
        });
    }

    /// <summary>The rule as it reads, on the whole site: own links first, then the newest visible articles sharing a tag.</summary>
    private static List<ReadMore> Rule(List<Story> site, Story article, Func<Story, bool> visible)
    {
        var bySlug = site.Where(visible).Where(a => a.Slug != article.Slug).ToDictionary(a => a.Slug);
        var result = new List<ReadMore>();
        var shown = new HashSet<string> { article.Slug };
        foreach (var link in article.RelatedLinks)
        {
            var target = RelatedArticles.TargetOf(link);
            if (target is not null && bySlug.TryGetValue(target, out var found) && shown.Add(target))
            {
                result.Add(new ReadMore(link.Title ?? found.Headline, $"/articles/{target}", link.Excerpt ?? found.Excerpt, false));
            }
            else if (link.TargetSlug is null && link.Title is not null && (target is null || !bySlug.ContainsKey(target)))
            {
                result.Add(new ReadMore(link.Title, link.Url, link.Excerpt, link.Url is not null && !link.Url.StartsWith('/')));
            }
        }

        if (result.Count < RelatedArticles.Count)
        {
            var sharing = site.Where(visible).Where(a => a.Id != article.Id && a.TagIds.Intersect(article.TagIds).Any())
                .OrderByDescending(a => a.PublishedUtc).ThenBy(a => a.Id).Take(RelatedArticles.Count + shown.Count).ToList();
            result.AddRange(sharing.Where(a => shown.Add(a.Slug)).Take(RelatedArticles.Count - result.Count)
                .Select(a => new ReadMore(a.Headline, $"/articles/{a.Slug}", a.Excerpt, false)));
        }

        return result;
    }

    private sealed record Story(int Id, string Slug, string Headline, string Excerpt, bool IsDraft, DateTime PublishedUtc, int[] TagIds, List<RelatedLink> RelatedLinks);

    private sealed record Case(
        (int Tags, bool Draft, int Hours)[] Stories, (int Kind, int Target, bool Excerpt)[] Links, int Pick, int BuiltAtHours, int LaterHours, bool Preview)
    {
        public List<Story> Site()
        {
            var site = Stories.Select((s, i) => new Story(
                i + 1, $"story-{i}", $"Story {i}", $"Excerpt {i}.", s.Draft, Base.AddHours(s.Hours),
                [.. Enumerable.Range(0, 4).Where(bit => (s.Tags & (1 << bit)) != 0)], [])).ToList();
            var links = site[Pick].RelatedLinks;
            foreach (var (kind, target, excerpt) in Links)
            {
                // A slug (maybe of no article, maybe its own), a captured teaser by title, a teaser with a path, an external link.
                links.Add(kind switch
                {
                    0 => new RelatedLink { TargetSlug = $"story-{target}" },
                    1 => new RelatedLink { Title = $"Story {target}", Excerpt = excerpt ? "Captured." : null },
                    2 => new RelatedLink { Title = $"Teaser {target}", Url = $"/elsewhere/{target}" },
                    _ => new RelatedLink { Title = $"Report {target}", Url = $"https://example.org/{target}", Excerpt = excerpt ? "Out." : null },
                });
            }

            return site;
        }

        public override string ToString() =>
            $"stories [{string.Join(", ", Stories.Select(s => $"({s.Tags},{s.Draft},{s.Hours})"))}] links [{string.Join(", ", Links.Select(l => $"({l.Kind},{l.Target},{l.Excerpt})"))}] pick {Pick} built {BuiltAtHours} later {LaterHours} preview {Preview}";
    }
}
