using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Caching;

/// <summary>
/// What one content change touched, as dependency keys (<see cref="ContentKeys"/>): an import, a scheduled article
/// coming due, or another instance's import seen through the store. Pages record the keys of what they show while
/// they render; a change evicts exactly the pages whose keys it names. <see cref="Everything"/> is for what no key
/// describes (the store rebuilt, settings changed): every page goes.
/// </summary>
public sealed record ContentChange(IReadOnlySet<string> Keys, bool Everything = false)
{
    public static readonly ContentChange None = new(new HashSet<string>(StringComparer.Ordinal));

    public static readonly ContentChange All = new(new HashSet<string>(StringComparer.Ordinal), Everything: true);

    public bool IsEmpty => !Everything && Keys.Count == 0;

    /// <summary>This change and <paramref name="other"/> as one.</summary>
    public ContentChange With(ContentChange other) =>
        Everything || other.Everything ? All : new(Keys.Union(other.Keys, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));

    /// <summary>The keys, space-separated (how the store records a change and a shared cache is told to purge).</summary>
    public override string ToString() => Everything ? ContentKeys.Any : string.Join(' ', Keys.Order(StringComparer.Ordinal));

    public static ContentChange Parse(string keys) =>
        keys.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var parts && parts.Contains(ContentKeys.Any)
            ? All
            : new(parts.ToHashSet(StringComparer.Ordinal));
}

/// <summary>
/// The dependency keys: what a page can show, named so that a change names the same thing. Slugs are lower-case
/// letters, digits and hyphens, so a key is one token in a header a shared cache splits on spaces (Varnish xkey,
/// Fastly Surrogate-Key, Cloudflare Cache-Tag).
/// </summary>
public static class ContentKeys
{
    /// <summary>Every page has it: a change that names it (or is <see cref="ContentChange.Everything"/>) evicts all.</summary>
    public const string Any = "all";

    /// <summary>The newest-first listing of the whole site: the front page and its pages, the site's feeds.</summary>
    public const string Newest = "newest";

    /// <summary>Search results: any article change may change them.</summary>
    public const string Search = "search";

    /// <summary>The sitemaps: every public URL with its last change.</summary>
    public const string Sitemap = "sitemap";

    /// <summary>The corrections page: every article with a correction, before or after a change.</summary>
    public const string Corrections = "corrections";

    /// <summary>The tag index (<c>/tags</c>) and the author index (<c>/authors</c>): names and counts.</summary>
    public const string TagIndex = "tags";

    public const string AuthorIndex = "authors";

    /// <summary>The sections in the header of every page.</summary>
    public const string SectionNav = "sections";

    /// <summary>An article's teaser as any page shows it: headline, excerpt, image, date, reading time, byline, section.</summary>
    public static string Article(string slug) => "a-" + slug;

    /// <summary>An article whole (its body, dek, tags, related links): its own page and the feeds that carry it.</summary>
    public static string ArticleBody(string slug) => "b-" + slug;

    /// <summary>Which articles a tag's listing holds, in which order (not what they say: that is <see cref="Article"/>).</summary>
    public static string Tag(string slug) => "t-" + slug;

    public static string Section(string slug) => "s-" + slug;

    /// <summary>Which translations an original has, and what their links show: the pages of the original and of each translation.</summary>
    public static string Translations(string originalSlug) => "tr-" + originalSlug;

    /// <summary>Which articles an author's listing holds.</summary>
    public static string AuthorListing(string slug) => "l-" + slug;

    /// <summary>An author as shown: name, job title, bio, avatar (the author card, bylines).</summary>
    public static string Author(string slug) => "p-" + slug;

    /// <summary>The slugs a change names with this prefix (<c>Named(change, ArticleBody(""))</c>: its articles).</summary>
    public static HashSet<string> Named(ContentChange change, string prefix) =>
        change.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// What decides where an article is listed, and what its teasers show (<c>Teaser</c>, one string from
/// <see cref="TeaserOf"/>); an article's change touches its listings only when one of these moves.
/// </summary>
public sealed record ArticleFacts(
    string Slug, DateTime PublishedUtc, bool IsDraft, string? Section, string? Author, IReadOnlyList<string> Tags, string Teaser = "",
    bool Corrected = false, string Language = "", string? TranslationOf = null)
{
    /// <summary>The facts of stored articles, as the store holds them now.</summary>
    public static async Task<List<ArticleFacts>> ReadAsync(IQueryable<Article> articles, CancellationToken cancellationToken) =>
        [.. (await articles.Select(a => new
        {
            a.Slug,
            a.PublishedUtc,
            a.IsDraft,
            Section = a.Section == null ? null : a.Section.Slug,
            Author = a.Author == null ? null : a.Author.Slug,
            Tags = a.Tags.Select(t => t.Slug).ToList(),
            a.Headline,
            a.Excerpt,
            a.ReadingMinutes,
            ImageSrc = a.Image == null ? null : a.Image.Src,
            ImageAlt = a.Image == null ? null : a.Image.Alt,
            Corrected = a.Corrections.Any(),
            a.Language,
            a.TranslationOf,
        })
        // Split: in one query SQLite builds the whole tag join first, whatever the filter (176 ms for one article of
        // 10,000, against 0.2 ms split: a re-import of one saved file read its article's old facts this way).
        .AsSplitQuery()
        .ToListAsync(cancellationToken))
        .Select(a => new ArticleFacts(a.Slug, a.PublishedUtc, a.IsDraft, a.Section, a.Author, a.Tags,
            TeaserOf(a.Headline, a.Excerpt, a.ReadingMinutes, a.ImageSrc, a.ImageAlt), a.Corrected, a.Language, a.TranslationOf))];

    /// <summary>The parts of an article its teasers show (cards, "Read more"); the same on both sides of an import.</summary>
    public static string TeaserOf(string headline, string excerpt, int readingMinutes, string? imageSrc, string? imageAlt) =>
        string.Join('\u001f', headline, excerpt, readingMinutes, imageSrc, imageAlt);

    /// <summary>
    /// The keys that changes of articles touch, each given as its state before and after (null: it did not exist).
    /// Every changed article's body key, search and the sitemaps, and its teaser key when a teaser of it changed; its
    /// listings only when its place in them moved: all of
    /// them (the site's, its tags', section's and author's, before and after) when it came, went or changed date,
    /// otherwise only those it joined or left (an article moved from tag A to tag B touches both, and not the site's).
    /// </summary>
    public static ContentChange Changes(IEnumerable<(ArticleFacts? Before, ArticleFacts? After)> articles)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (before, after) in articles)
        {
            if (before is null && after is null)
            {
                continue;
            }

            keys.Add(ContentKeys.Search);
            keys.Add(ContentKeys.Sitemap);
            if (before?.Corrected == true || after?.Corrected == true)
            {
                // The corrections page lists it (its headline, its corrections), or did.
                keys.Add(ContentKeys.Corrections);
            }

            // A body edit that leaves every teaser as it was evicts the article's page and feeds, not the listings
            // and "Read more" lists that show its teaser (a teaser also shows its date, byline and section).
            var teaserSame = before is not null && after is not null && before.Teaser == after.Teaser && before.Slug == after.Slug
                && before.PublishedUtc == after.PublishedUtc && before.IsDraft == after.IsDraft && before.Section == after.Section
                && before.Author == after.Author && before.Language == after.Language && before.TranslationOf == after.TranslationOf;
            foreach (var facts in new[] { before, after }.OfType<ArticleFacts>())
            {
                keys.Add(ContentKeys.ArticleBody(facts.Slug));
                if (!teaserSame)
                {
                    keys.Add(ContentKeys.Article(facts.Slug));
                    if (facts.TranslationOf is { } original)
                    {
                        // The original's page (and each other translation's) links to it, in its language.
                        keys.Add(ContentKeys.Translations(original));
                    }
                }
            }

            if (before is null || after is null || before.Slug != after.Slug || before.PublishedUtc != after.PublishedUtc || before.IsDraft != after.IsDraft
                || before.Language != after.Language)
            {
                // It came, went, or moved in time: every listing it is or was in, the site's included.
                keys.Add(ContentKeys.Newest);
                keys.Add(ContentKeys.TagIndex);
                keys.Add(ContentKeys.AuthorIndex);
                foreach (var facts in new[] { before, after }.OfType<ArticleFacts>())
                {
                    keys.UnionWith(facts.Tags.Select(ContentKeys.Tag));
                    keys.UnionWith(new[] { facts.Section }.OfType<string>().Select(ContentKeys.Section));
                    keys.UnionWith(new[] { facts.Author }.OfType<string>().Select(ContentKeys.AuthorListing));
                }

                continue;
            }

            // Same place in time: only the listings it joined or left.
            var moved = before.Tags.Except(after.Tags, StringComparer.Ordinal).Union(after.Tags.Except(before.Tags, StringComparer.Ordinal), StringComparer.Ordinal).ToList();
            if (moved.Count > 0)
            {
                keys.UnionWith(moved.Select(ContentKeys.Tag));
                keys.Add(ContentKeys.TagIndex);
            }

            if (before.Section != after.Section)
            {
                keys.UnionWith(new[] { before.Section, after.Section }.OfType<string>().Select(ContentKeys.Section));
            }

            if (before.Author != after.Author)
            {
                keys.UnionWith(new[] { before.Author, after.Author }.OfType<string>().Select(ContentKeys.AuthorListing));
                keys.Add(ContentKeys.AuthorIndex);
            }
        }

        return new ContentChange(keys);
    }
}
