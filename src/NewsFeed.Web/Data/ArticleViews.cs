using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Images;
using NewsFeed.Web.Model;
using NewsFeed.Web.Pages.Articles;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Data;

/// <summary>
/// What an article's page decides per request, resolved once when content changes (<see cref="ArticleViews"/>), beside
/// the parts of the page that depend on content alone (<see cref="ArticleParts"/>): an uncached article page is then one
/// read of one row. It holds no rule about who may see what: "Read more" keeps every candidate with its draft flag and
/// date, the translations theirs, and the page picks the visible ones.
/// </summary>
public sealed record StoredView(
    List<ReadMoreLink> Links,
    List<ReadMoreTeaser> Fill,
    string Language = "",
    List<TranslationLink>? Translations = null)
{
    public static readonly StoredView Empty = new([], []);
}

/// <summary>An article as "Read more" shows it, with what decides whether a reader may see it.</summary>
public sealed record ReadMoreTeaser(string Slug, string Headline, string Excerpt, bool IsDraft, DateTime PublishedUtc);

/// <summary>
/// The same story in another language: the original, or another translation of it (<c>translation_of:</c>), with what
/// decides whether a reader may see it (a draft translation is not linked from a published original).
/// </summary>
public sealed record TranslationLink(string Slug, string Language, bool IsDraft, DateTime PublishedUtc, bool IsOriginal);

/// <summary>
/// One of the article's own related links, in seed order. <see cref="Target"/> is the article it shows while that
/// article is visible; <see cref="Plain"/> says the link is shown as written (a captured teaser, an external URL) otherwise.
/// </summary>
public sealed record ReadMoreLink(string? Title, string? Url, string? Excerpt, bool Plain, ReadMoreTeaser? Target);

/// <summary>
/// Makes each article's view (<see cref="ArticleViewRecord"/>) and feed items (<see cref="FeedItems"/>) in the import's
/// transaction: for the articles a change touched, and for every article whose view showed something the change touched (<see cref="ArticleViewRecord.Keys"/>
/// names the keys a view depends on, as pages do for the page cache). Everything, when the site's settings changed.
/// </summary>
public static class ArticleViews
{
    /// <summary>Bump when what a view holds changes, or how <see cref="ArticleMarkup"/> writes it: every view is made again at the next import.</summary>
    private const string Version = "6";

    private const string StampKey = "views";

    private const int Batch = 500;

    /// <summary>What the views were made from besides content: the site settings (absolute URLs, the publisher) and the chrome's words.</summary>
    public static string Stamp(SiteOptions site) =>
        Version + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(site))))[..16] + "/" + SiteText.Fingerprint;

    public static StoredView Parse(string json) =>
        json.Length == 0 ? StoredView.Empty : JsonSerializer.Deserialize(json, StoredViewContext.Default.StoredView) ?? StoredView.Empty;

    /// <summary>
    /// Makes the views the change (and newly written rows, whose view is empty) needs, or all of them when they were
    /// made for other settings. Call inside the import's transaction, after its rows are written. Feed items name a
    /// picture's large variant with its size from <paramref name="images"/>; the articles in <paramref name="remake"/>
    /// are made again whatever the change says (their picture's file changed). The articles in <paramref name="fed"/> had their
    /// feed items written with their rows by this import (<see cref="FeedArticle.Of"/>), for these settings and authors.
    /// With <paramref name="keys"/> (every stored view's keys, by article id, as <paramref name="fed"/>'s rows have none yet),
    /// no view is read to find those to make, and <paramref name="keys"/> holds every view's keys afterwards.
    /// </summary>
    public static async Task<int> RefreshAsync(
        NewsDbContext db, ContentChange change, SiteOptions site, DateTime nowUtc, CancellationToken cancellationToken,
        ImageCatalog? images = null, IReadOnlyCollection<int>? remake = null, IReadOnlySet<int>? fed = null, Dictionary<int, string>? keys = null)
    {
        var stamp = Stamp(site);
        var all = change.Everything || await StoreInitializer.ReadInfoAsync(db, StampKey, cancellationToken) != stamp;
        // New rows (an empty view) get their feed items too; a view made again for what another article did keeps its own.
        var rows = all ? await db.Articles.Select(a => new Row(a.Id, "")).ToListAsync(cancellationToken)
            : keys is not null ? RowsToCheck(keys, change, fed ?? new HashSet<int>())
            : await RowsToCheck(db, change).ToListAsync(cancellationToken);
        var touched = all ? null : new TouchedKeys(change.Keys);
        var ids = touched is null ? rows.Select(r => r.Id).ToList() : [.. rows.Where(r => r.ViewKeys.Length == 0 || touched.AnyIn(r.ViewKeys)).Select(r => r.Id)];
        if (!all && remake is { Count: > 0 })
        {
            ids = [.. ids.Union(remake)];
        }

        if (ids.Count > 0)
        {
            var own = all ? ids.ToHashSet() : rows.Where(r => r.ViewKeys.Length == 0).Select(r => r.Id).Concat(remake ?? []).ToHashSet();
            if (all)
            {
                keys?.Clear();
            }

            await MakeAsync(db, ids, own, fed ?? new HashSet<int>(), change, site, nowUtc, images, keys, cancellationToken);
        }

        if (all)
        {
            await StoreInitializer.WriteInfoAsync(db, StampKey, stamp, cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>
    /// The rows to look at: new ones (an empty view) only when nothing changed; otherwise every view's keys, a scan of one
    /// short column (a few milliseconds at 10,000 articles, and no index table to keep in step).
    /// </summary>
    private static IQueryable<Row> RowsToCheck(NewsDbContext db, ContentChange change) =>
        change.IsEmpty
            ? db.Articles.Where(a => a.ViewRecord == null).Select(a => new Row(a.Id, ""))
            : db.Articles.Select(a => new Row(a.Id, a.ViewRecord == null ? "" : a.ViewRecord.Keys));

    /// <summary>The same rows, from the keys the caller holds: the views stored, and the rows written (<paramref name="fed"/>) without one.</summary>
    private static List<Row> RowsToCheck(Dictionary<int, string> keys, ContentChange change, IReadOnlySet<int> fed)
    {
        var rows = fed.Where(id => !keys.ContainsKey(id)).Select(id => new Row(id, "")).ToList();
        if (!change.IsEmpty)
        {
            rows.AddRange(keys.Select(k => new Row(k.Key, k.Value)));
        }

        return rows;
    }

    private static async Task MakeAsync(
        NewsDbContext db, List<int> ids, HashSet<int> own, IReadOnlySet<int> written, ContentChange change, SiteOptions site, DateTime nowUtc,
        ImageCatalog? images, Dictionary<int, string>? made, CancellationToken cancellationToken)
    {
        var pool = await CandidatesAsync(db, ids, nowUtc, cancellationToken);
        var feed = new FeedContent(site);
        var editions = new Editions(site.Language);
        ids.Sort();
        foreach (var chunk in ids.Chunk(Batch))
        {
            // A dense run of ids (every article, at a cold import) is read as a range: a list of ids as a parameter
            // made each chunk's three queries several times slower.
            var (low, high) = (chunk[0], chunk[^1]);
            var wanted = chunk.ToHashSet();
            var rows = high - low < 2 * chunk.Length
                ? db.Articles.Where(a => a.Id >= low && a.Id <= high)
                : db.Articles.Where(a => chunk.Contains(a.Id));
            // The body only for feed items still to make (a written row's came with it).
            var needsBody = chunk.Any(id => !written.Contains(id));
            var articles = await rows
                .Select(a => new Source(
                    a.Id, a.Slug, a.Headline, a.Dek, a.Excerpt, a.PublishedUtc, a.UpdatedUtc, a.Image, needsBody ? a.Html : "", a.ReadingMinutes,
                    a.Section == null ? null : new DetailsModel.Link(a.Section.Slug, a.Section.Name),
                    a.Author == null ? null : new DetailsModel.AuthorView(a.Author.Slug, a.Author.Name, a.Author.JobTitle, a.Author.BioHtml, a.Author.AvatarSrc),
                    a.Tags.OrderBy(t => t.Name).Select(t => new TagRef(t.Id, t.Slug, t.Name)).ToList(),
                    a.RelatedLinks.OrderBy(r => r.Position).ToList(),
                    a.Corrections.OrderBy(c => c.Position).Select(c => new DetailsModel.CorrectionView(c.DateUtc, c.Kind, c.Text)).ToList(),
                    a.Language, a.TranslationOf))
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var families = await FamiliesAsync(db, articles, cancellationToken);

            // Rows of this chunk that exist already are updated (only what is set after Attach is written), the rest added.
            var viewed = (await db.ArticleViews.Where(v => v.ArticleId >= low && v.ArticleId <= high).Select(v => v.ArticleId).ToListAsync(cancellationToken)).ToHashSet();
            var fed = (await db.FeedItems.Where(f => f.ArticleId >= low && f.ArticleId <= high).Select(f => f.ArticleId).ToListAsync(cancellationToken)).ToHashSet();
            // Making a view is CPU only (the "Read more" walk, the page's markup, its JSON): on every core, then written in order.
            var chosen = articles.Where(a => wanted.Contains(a.Id)).ToList();
            var views = new (StoredView View, ArticleParts Parts, string Keys)[chosen.Count];
            Parallel.For(0, chosen.Count, i => views[i] = Make(chosen[i], pool, families, site, editions, images, nowUtc));
            for (var i = 0; i < chosen.Count; i++)
            {
                var (article, (view, parts, keys)) = (chosen[i], views[i]);
                var record = Track(db, new ArticleViewRecord { ArticleId = article.Id }, viewed.Contains(article.Id));
                record.Json = JsonSerializer.Serialize(view, StoredViewContext.Default.StoredView);
                record.Keys = keys;
                (record.Head, record.Top, record.Figure, record.End) = (parts.Head, parts.Top, parts.Figure, parts.End);
                made?[article.Id] = keys;
                if (!written.Contains(article.Id) && (own.Contains(article.Id) || !fed.Contains(article.Id)
                    || (article.Author is { } author && change.Keys.Contains(ContentKeys.Author(author.Slug)))))
                {
                    // The feed items show the article and its author's name: made again only when one of those changed.
                    var item = FeedArticle.Of(feed, images, article.Slug, article.Headline, article.Excerpt, article.Html, article.PublishedUtc,
                        article.UpdatedUtc, article.Image, article.Author?.Slug, article.Author?.Name, [.. article.Tags.Select(t => t.Name)], article.Corrections);
                    var items = Track(db, new FeedItem { ArticleId = article.Id }, fed.Contains(article.Id));
                    items.Rss = FeedItems.Rss(item, site);
                    items.Json = FeedItems.Json(item, site);
                }
            }

            await PreparedInserts.SaveChangesAsync(db, cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A row to write: attached when it is stored already (what is set afterwards is updated), else added.</summary>
    private static T Track<T>(NewsDbContext db, T row, bool stored)
        where T : class
    {
        if (stored)
        {
            db.Attach(row);
        }
        else
        {
            db.Add(row);
        }

        return row;
    }

    private static (StoredView View, ArticleParts Parts, string Keys) Make(
        Source article, Candidates pool, ILookup<string, TranslationLink> families, SiteOptions site, Editions editions, ImageCatalog? images, DateTime nowUtc)
    {
        var links = RelatedArticles.Links(article.Slug, article.Links, pool);
        var keys = new SortedSet<string>(StringComparer.Ordinal) { ContentKeys.ArticleBody(article.Slug) };
        // Every article a link names, also while it does not exist: the view is made again when it appears.
        keys.UnionWith(article.Links.Select(RelatedArticles.TargetOf).OfType<string>().Where(t => t != article.Slug).Select(ContentKeys.Article));
        var fill = RelatedArticles.Candidates(article.Id, article.Tags.Select(t => t.Id), links.Count(l => l.Target is not null), pool, nowUtc);
        keys.UnionWith(fill.Select(f => ContentKeys.Article(f.Slug)));
        keys.UnionWith(article.Tags.Select(t => ContentKeys.Tag(t.Slug)));
        if (article.Author is { } author)
        {
            keys.Add(ContentKeys.Author(author.Slug));
        }

        // The same story in other languages: the original and its translations, but this article. An original's view is
        // made again when a translation comes, goes or changes (its changes name the original's Translations key).
        var root = article.TranslationOf ?? article.Slug;
        keys.Add(ContentKeys.Translations(root));
        var translations = families[root].Where(t => t.Slug != article.Slug).ToList();
        if (article.TranslationOf is not null)
        {
            keys.Add(ContentKeys.Article(root));
        }

        var tags = article.Tags.Select(t => new DetailsModel.Link(t.Slug, t.Name)).ToList();
        var page = new DetailsModel.ArticleView(article.Slug, article.Headline, article.Dek, article.Excerpt, article.PublishedUtc,
            article.UpdatedUtc, article.Section, article.Image, article.ReadingMinutes, article.Author, tags, article.Corrections, article.Language);
        return (new StoredView(links, fill, article.Language, translations.Count > 0 ? translations : null),
            ArticleMarkup.Write(page, site, editions.Of(article.Language), images), string.Join(' ', keys));
    }

    /// <summary>For each original a chunk's articles belong to (their own slug, or their translation_of:), it and its translations.</summary>
    private static async Task<ILookup<string, TranslationLink>> FamiliesAsync(NewsDbContext db, List<Source> articles, CancellationToken cancellationToken)
    {
        var roots = articles.Select(a => a.TranslationOf ?? a.Slug).Distinct().ToList();
        // Most stores have few translations: without one, the originals need not be read.
        var translations = (await db.Articles.Where(a => a.TranslationOf != null && roots.Contains(a.TranslationOf))
            .Select(a => new { Root = a.TranslationOf!, Link = new TranslationLink(a.Slug, a.Language, a.IsDraft, a.PublishedUtc, false) })
            .ToListAsync(cancellationToken)).Select(t => (t.Root, t.Link)).ToList();
        var withTranslations = translations.Select(t => t.Root).Distinct().ToList();
        List<(string Root, TranslationLink Link)> originals = withTranslations.Count == 0 ? [] : [.. (await db.Articles
            .Where(a => withTranslations.Contains(a.Slug) && a.TranslationOf == null)
            .Select(a => new TranslationLink(a.Slug, a.Language, a.IsDraft, a.PublishedUtc, true))
            .ToListAsync(cancellationToken)).Select(o => (o.Slug, o))];
        return originals.Concat(translations).ToLookup(p => p.Root, p => p.Link, StringComparer.Ordinal);
    }

    /// <summary>
    /// The articles "Read more" may pick from: the newest articles of each tag of one being made, as far as
    /// <see cref="RelatedArticles.Candidates"/> can walk for any of them, and every article a related link names.
    /// </summary>
    private static async Task<Candidates> CandidatesAsync(NewsDbContext db, List<int> ids, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var tagIds = await db.Articles.Where(a => ids.Contains(a.Id)).SelectMany(a => a.Tags.Select(t => t.Id)).Distinct().ToListAsync(cancellationToken);
        var links = await db.RelatedLinks.Where(r => ids.Contains(r.ArticleId)).ToListAsync(cancellationToken);
        var targets = links.Select(RelatedArticles.TargetOf).OfType<string>().Distinct().ToList();
        var named = await db.Articles.Where(a => targets.Contains(a.Slug))
            .Select(a => new { a.Id, a.Slug, a.Headline, a.Excerpt, a.IsDraft, a.PublishedUtc })
            .ToListAsync(cancellationToken);

        var pool = new Candidates();
        foreach (var a in named)
        {
            pool.Add(a.Id, new ReadMoreTeaser(a.Slug, a.Headline, a.Excerpt, a.IsDraft, a.PublishedUtc), []);
        }

        // The walk for an article stops once it has Count public articles beyond its own links' targets, other than
        // itself: a tag's newest articles holding that many public ones (one more, for the article) are all it can reach.
        // A change's few articles then read a few rows per tag, not every article sharing one (a tag has hundreds).
        var reach = RelatedArticles.Count + 1 + (links.Count == 0 ? 0 : links.CountBy(l => l.ArticleId).Max(c => c.Value));
        foreach (var tag in tagIds)
        {
            for (var limit = 2 * reach; ; limit *= 4)
            {
                var newest = await db.Tags.Where(t => t.Id == tag).SelectMany(t => t.Articles).Newest().Take(limit)
                    .Select(a => new { a.Id, Teaser = new ReadMoreTeaser(a.Slug, a.Headline, a.Excerpt, a.IsDraft, a.PublishedUtc) })
                    .ToListAsync(cancellationToken);
                if (newest.Count < limit || newest.Count(a => ArticleQueries.IsPublicAt(a.Teaser.IsDraft, a.Teaser.PublishedUtc, nowUtc)) >= reach)
                {
                    newest.ForEach(a => pool.Add(a.Id, a.Teaser, [tag]));
                    break;
                }
            }
        }

        pool.Sort();
        return pool;
    }

    private sealed record Source(
        int Id, string Slug, string Headline, string? Dek, string Excerpt, DateTime PublishedUtc, DateTime? UpdatedUtc, HeroImage? Image,
        string Html, int ReadingMinutes, DetailsModel.Link? Section, DetailsModel.AuthorView? Author, List<TagRef> Tags, List<RelatedLink> Links,
        List<DetailsModel.CorrectionView> Corrections, string Language, string? TranslationOf);

    private sealed record TagRef(int Id, string Slug, string Name);

    private sealed record Row(int Id, string ViewKeys);
}

/// <summary>An article "Read more" may show, with its id (the tie-break of the newest-first order).</summary>
public sealed record Candidate(int Id, ReadMoreTeaser Teaser)
{
    /// <summary><see cref="ArticleQueries.Newest"/>, in memory: newest first, ties by id.</summary>
    public static readonly Comparison<Candidate> Newest = (a, b) =>
        b.Teaser.PublishedUtc.CompareTo(a.Teaser.PublishedUtc) is var byDate and not 0 ? byDate : a.Id.CompareTo(b.Id);
}

/// <summary>Candidates by slug, and per tag id newest first (once <see cref="Sort"/> has run).</summary>
public sealed class Candidates
{
    public Dictionary<string, Candidate> BySlug { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, List<Candidate>> ByTag { get; } = [];

    /// <summary>An article, listed under each of <paramref name="tagIds"/>; add an article under a tag once.</summary>
    public void Add(int id, ReadMoreTeaser teaser, IEnumerable<int> tagIds)
    {
        var candidate = new Candidate(id, teaser);
        BySlug[teaser.Slug] = candidate;
        foreach (var tag in tagIds)
        {
            if (!ByTag.TryGetValue(tag, out var list))
            {
                ByTag[tag] = list = [];
            }

            list.Add(candidate);
        }
    }

    public void Sort()
    {
        foreach (var list in ByTag.Values)
        {
            list.Sort(Candidate.Newest);
        }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredView))]
internal sealed partial class StoredViewContext : JsonSerializerContext;
