using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Corrections;
using NewsFeed.Web.Data;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Images;
using NewsFeed.Web.Model;
using NewsFeed.Web.Pages.Articles;
using NewsFeed.Web.Search;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// Step three of the import: writes the read and validated documents to the store in one transaction.
/// Articles are matched by source path; an unchanged file (same hash) is not written again; a file with
/// errors is skipped and its last good version stays; articles whose file vanished are deleted.
/// </summary>
/// <remarks>
/// The documents may come in runs (<see cref="BeginAsync"/>, <see cref="WriteAsync"/> for each run in path order,
/// <see cref="FinishAsync"/>), so a cold import holds one run's rendered bodies at a time, not the folder's.
/// Only the authors must be known before the first run: articles are written with their author's row.
/// With <paramref name="snapshots"/>, the store's file facts and view keys come from the last import's snapshot while it
/// is good, and this import keeps its own (<see cref="StoreSnapshots"/>).
/// </remarks>
public sealed class SeedWriter(
    NewsDbContext db, SiteOptions site, TimeProvider time, ImageCatalog? images = null, StoreSnapshots? snapshots = null) : IAsyncDisposable
{
    // An article's language when its front matter names none: the site's, as an edition code.
    private readonly string _defaultLanguage = Editions.CodeOf(site.Language);
    private IDbContextTransaction? _transaction;
    private IAsyncDisposable? _importLock;
    private Dictionary<string, int> _authorIds = [];
    private HashSet<string> _authorsChanged = [];
    private Dictionary<int, string> _authorSlugs = [];
    private Dictionary<int, string> _authorNames = [];
    private IReadOnlyDictionary<string, StoredArticle> _existing = new Dictionary<string, StoredArticle>();
    private string? _stamp;
    private IReadOnlyDictionary<int, string>? _viewKeys;
    // What this import wrote, for the snapshot it keeps: rows added, and authors set on unchanged rows.
    private readonly List<StoredArticle> _added = [];
    private readonly Dictionary<int, int?> _authorSet = [];
    // The stored rows' slugs, made when a new file first needs them (a save of a file the store holds does not).
    private HashSet<string>? _storedSlugs;
    // The bodies with a stealth edit pending (StealthEdits): an unchanged file's warning stands at every import.
    private Dictionary<string, BodyChange> _pendingChanges = [];
    // Their warnings, added to the files' problems when the import finishes: after the checks across files, whether
    // those ran before the write (the whole folder) or after the runs, so the report is the same either way.
    private readonly List<(ProblemSink Problems, int BodyLine, BodyChange Change)> _bodyWarnings = [];
    private readonly List<SeedFileResult> _results = [];
    private readonly HashSet<string> _replaced = new(StringComparer.Ordinal);

    // What the change touches: each written or deleted article as it was and as it is now.
    private readonly List<(ArticleFacts? Before, ArticleFacts? After)> _touched = [];
    private readonly HashSet<int> _fed = [];
    // The ids of the rows deleted (replaced or vanished), whose search rows go with them.
    private readonly List<int> _removed = [];
    private bool _reassigned;
    private int _written;

    /// <summary>The author definitions <see cref="BeginAsync"/> wrote, by slug.</summary>
    public IReadOnlyDictionary<string, AuthorSeed> Authors { get; private set; } = new Dictionary<string, AuthorSeed>();

    /// <summary>All documents at once: <see cref="BeginAsync"/>, one <see cref="WriteAsync"/>, <see cref="FinishAsync"/>.</summary>
    public async Task<(IReadOnlyList<SeedFileResult> Files, int Deleted, ContentChange Change, long? ChangeRecord)> ImportAsync(
        IReadOnlyList<SeedDocument> documents, CancellationToken cancellationToken, IReadOnlySet<string>? changedPictures = null)
    {
        var ordered = SeedFiles.IsInPathOrder(documents, d => d.Path) ? documents : [.. documents.OrderBy(d => d.Path, StringComparer.Ordinal)];
        await BeginAsync(ordered, cancellationToken);
        await WriteAsync(ordered, cancellationToken);
        return await FinishAsync(ordered, cancellationToken, changedPictures);
    }

    /// <summary>
    /// The author definitions of validated documents in path order: an author file wins over an author block of the same
    /// slug; among blocks, the first file wins.
    /// </summary>
    public static Dictionary<string, AuthorSeed> AuthorDefinitions(IEnumerable<SeedDocument> ordered)
    {
        var usable = ordered.Where(d => !d.HasErrors).ToList();
        var definitions = new Dictionary<string, AuthorSeed>(StringComparer.Ordinal);
        foreach (var author in usable.Where(d => d.Author is not null).Select(d => d.Author!))
        {
            definitions.TryAdd(author.Slug, author);
        }

        foreach (var author in usable.Where(d => d.Article?.InlineAuthor is not null).Select(d => d.Article!.InlineAuthor!))
        {
            definitions.TryAdd(author.Slug, author);
        }

        return definitions;
    }

    /// <summary>
    /// Opens the transaction, takes the store's import lock and writes the authors that <paramref name="authorSources"/>
    /// (validated, in path order) define; no other author is known to the runs that follow.
    /// </summary>
    public async Task BeginAsync(IReadOnlyList<SeedDocument> authorSources, CancellationToken cancellationToken)
    {
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        _importLock = await StoreProvider.LockImportAsync(db, cancellationToken);
        Authors = AuthorDefinitions(authorSources);
        (_authorIds, _authorsChanged) = await ImportAuthorsAsync(cancellationToken);
        _authorSlugs = _authorIds.ToDictionary(a => a.Value, a => a.Key);
        _authorNames = await db.Authors.ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        db.ChangeTracker.Clear();
        _stamp = await StoreInitializer.ReadInfoAsync(db, StoreSnapshots.StampKey, cancellationToken);
        var snapshot = snapshots?.At(_stamp);
        _viewKeys = snapshot?.ViewKeys;
        _existing = snapshot?.Articles ?? await db.Articles
            .Select(a => new StoredArticle(a.Id, a.SourcePath, a.Slug, a.ContentHash, a.AuthorId))
            .ToDictionaryAsync(a => a.SourcePath, StringComparer.Ordinal, cancellationToken);
        _pendingChanges = await StealthEdits.PendingAsync(db, null, cancellationToken);
    }

    /// <summary>
    /// Writes one run of validated documents, which follow the previous run's in path order, with their search rows.
    /// Nothing of the run is held afterwards but its results.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<SeedDocument> ordered, CancellationToken cancellationToken)
    {
        var sections = await db.Sections.AsTracking().ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);
        var tags = await db.Tags.AsTracking().ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken);
        var added = new List<(Article Row, ArticleSeed Seed)>();
        var now = time.GetUtcNow().UtcDateTime;
        var bodies = await PublishedBodiesAsync(ordered, cancellationToken);
        _results.EnsureCapacity(_results.Count + ordered.Count);
        foreach (var document in ordered)
        {
            if (document.HasErrors)
            {
                var kept = _existing.TryGetValue(document.Path, out var lastGood) ? lastGood.Slug : null;
                _results.Add(new(document.Path, SeedFileState.Skipped, document.Problems, kept));
                continue;
            }

            if (document.Author is not null)
            {
                var state = _authorsChanged.Contains(document.Path) ? SeedFileState.Imported : SeedFileState.Unchanged;
                _results.Add(new(document.Path, state, document.Problems));
                continue;
            }

            if (document.Article is not { } seed)
            {
                _results.Add(new(document.Path, SeedFileState.Ignored, document.Problems));
                continue;
            }

            int? authorId = seed.AuthorSlug is not null && _authorIds.TryGetValue(seed.AuthorSlug, out var id) ? id : null;
            if (_existing.TryGetValue(document.Path, out var current) && current.ContentHash == document.Hash)
            {
                if (current.AuthorId != authorId)
                {
                    // An author file appeared or vanished since: the article itself is unchanged.
                    var before = await ArticleFacts.ReadAsync(db.Articles.Where(a => a.Id == current.Id), cancellationToken);
                    await db.Articles.Where(a => a.Id == current.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.AuthorId, authorId), cancellationToken);
                    _reassigned = true;
                    _authorSet[current.Id] = authorId;
                    _touched.AddRange(before.Select(b => ((ArticleFacts?)b, (ArticleFacts?)(b with { Author = authorId is { } a ? _authorSlugs[a] : null }))));
                }

                if (!seed.IsDraft && _pendingChanges.TryGetValue(current.Slug, out var pending))
                {
                    _bodyWarnings.Add((new ProblemSink(document.Path, document.Problems), seed.BodyLine, pending));
                }

                _results.Add(new(document.Path, SeedFileState.Unchanged, document.Problems, current.Slug));
                continue;
            }

            var seen = bodies.GetValueOrDefault(seed.Slug);
            var judgement = StealthEdits.Judge(seen, seed, now);
            if (judgement is { Verdict: BodyVerdict.Warn, Change: { } change })
            {
                _bodyWarnings.Add((new ProblemSink(document.Path, document.Problems), seed.BodyLine, change));
            }

            if (StealthEdits.Apply(judgement, seen, seed, now) is { } body && seen is null)
            {
                db.PublishedBodies.Add(body);
                bodies[seed.Slug] = body;
            }

            // Replace: the old row of this file, and any other row holding the slug this file now claims (a new
            // file with a new slug, as in every file of a first import, has nothing to replace).
            var after = new ArticleFacts(seed.Slug, seed.PublishedUtc, seed.IsDraft, seed.Section is null ? null : Slug.From(seed.Section),
                authorId is { } assigned ? _authorSlugs[assigned] : null, [.. seed.Tags.Select(Slug.From)],
                ArticleFacts.TeaserOf(seed.Headline, seed.Excerpt, seed.ReadingMinutes, seed.Image?.Src, seed.Image?.Alt), seed.Corrections.Count > 0,
                seed.LanguageOr(_defaultLanguage), seed.TranslationOf);
            if (_existing.ContainsKey(document.Path)
                || (_storedSlugs ??= _existing.Values.Select(a => a.Slug).ToHashSet(StringComparer.Ordinal)).Contains(seed.Slug))
            {
                var ids = await db.Articles.Where(a => a.SourcePath == document.Path || a.Slug == seed.Slug).Select(a => a.Id).ToListAsync(cancellationToken);
                var replacing = db.Articles.Where(a => ids.Contains(a.Id));
                var before = await ArticleFacts.ReadAsync(replacing, cancellationToken);
                await replacing.ExecuteDeleteAsync(cancellationToken);
                _removed.AddRange(ids);
                _touched.Add((before.FirstOrDefault(b => b.Slug == seed.Slug) ?? before.FirstOrDefault(), after));
                _touched.AddRange(before.Where(b => b.Slug != seed.Slug && before.Count > 1).Select(b => ((ArticleFacts?)b, (ArticleFacts?)null)));
                _replaced.UnionWith(_existing.Values.Where(a => a.Slug == seed.Slug && a.SourcePath != document.Path).Select(a => a.SourcePath));
            }
            else
            {
                _touched.Add((null, after));
            }

            var row = ToArticle(document, seed, authorId, sections, tags);
            db.Articles.Add(row);
            added.Add((row, seed));
            _results.Add(new(document.Path, SeedFileState.Imported, document.Problems, seed.Slug));
        }

        // The feed items parse each body again (absolute URLs): on the other core, while this run's rows and search
        // rows are written, from values taken here (EF sets keys and fixes up the rows as it writes them).
        var makers = added.Select(a => FeedItemOf(a.Row)).ToList();
        var items = Task.Run(() =>
        {
            var made = new FeedItem[makers.Count];
            Parallel.For(0, makers.Count, () => new FeedContent(site), (i, _, feed) =>
            {
                made[i] = makers[i](feed);
                return feed;
            }, _ => { });
            return made;
        }, CancellationToken.None);
        try
        {
            await PreparedInserts.SaveChangesAsync(db, cancellationToken);
            await ArticleSearch.IndexAsync(db, added.Select(a => (a.Row.Id, a.Seed.Headline, a.Seed.Dek, a.Seed.BodyText,
                a.Row.AuthorId is { } author ? _authorNames[author] : null, a.Seed.Tags.AsEnumerable())), cancellationToken);
        }
        finally
        {
            // Not left running when the write failed (it would outlive the import's scope).
            await ((Task)items).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // The run's rows (every article's body and source, at a cold import) are not needed again; its feed items follow them.
        db.ChangeTracker.Clear();
        var feedItems = await items;
        for (var i = 0; i < added.Count; i++)
        {
            feedItems[i].ArticleId = added[i].Row.Id;
        }

        db.FeedItems.AddRange(feedItems);
        await PreparedInserts.SaveChangesAsync(db, cancellationToken);
        _fed.UnionWith(added.Select(a => a.Row.Id));
        if (snapshots is not null)
        {
            _added.AddRange(added.Select(a => new StoredArticle(a.Row.Id, a.Row.SourcePath, a.Row.Slug, a.Row.ContentHash, a.Row.AuthorId)));
        }

        _written += added.Count;
        db.ChangeTracker.Clear();
    }

    /// <summary>The stored bodies (tracked, to be updated) of the run's articles that will be written.</summary>
    private async Task<Dictionary<string, PublishedBody>> PublishedBodiesAsync(IReadOnlyList<SeedDocument> ordered, CancellationToken cancellationToken)
    {
        var slugs = ordered
            .Where(d => d is { HasErrors: false, Article.IsDraft: false } && !(_existing.TryGetValue(d.Path, out var stored) && stored.ContentHash == d.Hash))
            .Select(d => d.Article!.Slug)
            .ToList();
        return slugs.Count == 0
            ? new(StringComparer.Ordinal)
            : await db.PublishedBodies.AsTracking().Where(b => slugs.Contains(b.Slug)).ToDictionaryAsync(b => b.Slug, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>What makes <paramref name="row"/>'s feed items, with the row's values taken now (it may be made on another thread).</summary>
    private Func<FeedContent, FeedItem> FeedItemOf(Article row)
    {
        var (authorSlug, authorName) = row.AuthorId is { } id ? (_authorSlugs[id], _authorNames[id]) : ((string?)null, (string?)null);
        var (slug, headline, excerpt, html, published, updated, image) = (row.Slug, row.Headline, row.Excerpt, row.Html, row.PublishedUtc, row.UpdatedUtc, row.Image);
        string[] tags = [.. row.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)];
        DetailsModel.CorrectionView[] corrections = [.. row.Corrections.Select(c => new DetailsModel.CorrectionView(c.DateUtc, c.Kind, c.Text))];
        return feed =>
        {
            var item = FeedArticle.Of(feed, images, slug, headline, excerpt, html, published, updated, image, authorSlug, authorName, tags, corrections);
            return new FeedItem { Rss = FeedItems.Rss(item, site), Json = FeedItems.Json(item, site) };
        };
    }

    /// <summary>
    /// Deletes the articles of files not among <paramref name="documents"/> (every document of the folder, validated; a
    /// run's documents may have dropped their bodies by now), makes the views, records the change and commits.
    /// </summary>
    public async Task<(IReadOnlyList<SeedFileResult> Files, int Deleted, ContentChange Change, long? ChangeRecord)> FinishAsync(
        IReadOnlyList<SeedDocument> documents, CancellationToken cancellationToken, IReadOnlySet<string>? changedPictures = null)
    {
        foreach (var (problems, line, bodyChange) in _bodyWarnings)
        {
            StealthEdits.Warn(problems, line, bodyChange);
        }

        // In path order, however the runs came (the report of runs is the report of the folder at once).
        if (!SeedFiles.IsInPathOrder(_results, r => r.Path))
        {
            _results.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        }

        // A broken file's last good version is gone when another file took its slug (before or after it in the loop).
        for (var i = 0; i < _results.Count; i++)
        {
            if (_results[i].KeptLastGood && _replaced.Contains(_results[i].Path))
            {
                _results[i] = _results[i] with { ArticleSlug = null };
            }
        }

        var seen = documents.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var vanished = _existing.Values.Where(a => !seen.Contains(a.SourcePath)).Select(a => a.Id).ToList();
        if (vanished.Count > 0)
        {
            _touched.AddRange((await ArticleFacts.ReadAsync(db.Articles.Where(a => vanished.Contains(a.Id)), cancellationToken)).Select(b => ((ArticleFacts?)b, (ArticleFacts?)null)));
        }

        var deleted = vanished.Count == 0 ? 0 : await db.Articles.Where(a => vanished.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        _removed.AddRange(vanished);

        var change = ArticleFacts.Changes(_touched);
        var authorKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slug in documents.Where(d => _authorsChanged.Contains(d.Path)).SelectMany(AuthorSlugsOf))
        {
            // An author's name, title, bio or avatar: the author's page, card and bylines.
            authorKeys.Add(ContentKeys.Author(slug));
            authorKeys.Add(ContentKeys.AuthorIndex);
        }

        change = change.With(new ContentChange(authorKeys));
        var pictureUsers = changedPictures is { Count: > 0 } ? await PictureUsersAsync(changedPictures, cancellationToken) : [];
        if (pictureUsers.Count > 0)
        {
            // A picture's file changed: the pages, views and feed items showing it are made again, here and on other instances.
            change = change.With(new ContentChange(pictureUsers.Values.SelectMany(k => k).ToHashSet(StringComparer.Ordinal)));
        }

        // A restart with nothing changed skips the clean-up: it reads every tag, section and index row. The views it
        // checks: made for other site settings, they are all made again (one look-up when they were not).
        long? record = null;
        var changed = _written > 0 || deleted > 0 || _reassigned || _authorsChanged.Count > 0 || pictureUsers.Count > 0;
        db.ChangeTracker.Clear();
        var viewKeys = snapshots is null ? null : await ViewKeysAsync(cancellationToken);
        var views = await ArticleViews.RefreshAsync(db, changed ? change : ContentChange.None, site, time.GetUtcNow().UtcDateTime, cancellationToken,
            images, pictureUsers.Keys.Where(id => id > 0).ToList(), _fed, viewKeys);
        if (changed)
        {
            await DeleteOrphansAsync(cancellationToken);
            // A change no article shows any more is no longer pending; the text readers saw stays, to compare a return with.
            await db.PublishedBodies.Where(b => b.PendingText != null && !db.Articles.Any(a => a.Slug == b.Slug))
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.PendingText, (string?)null), cancellationToken);
            await ArticleSearch.RefreshAsync(db, _removed, _reassigned || _authorsChanged.Count > 0, cancellationToken);
            // Other instances on this store read the change and evict the same pages (StoreChanges).
            record = await StoreChanges.RecordAsync(db, change, cancellationToken);
        }

        // Any write gives the store a new stamp: a snapshot kept by another instance (or before this import) is no longer good.
        var stamp = _stamp is null || changed || views > 0 ? Guid.NewGuid().ToString("N") : _stamp;
        if (stamp != _stamp)
        {
            await StoreInitializer.WriteInfoAsync(db, StoreSnapshots.StampKey, stamp, cancellationToken);
        }

        await _transaction!.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (viewKeys is not null)
        {
            snapshots!.Keep(new StoreSnapshot(stamp, ArticlesAfter(), viewKeys));
        }

        if (_written > 0 || deleted > 0 || views > 0)
        {
            await StoreProvider.AfterImportAsync(db, _written + deleted + views, cancellationToken);
        }

        return (_results, deleted, change, record);
    }

    /// <summary>Every stored view's keys but those of the rows this import deleted: from the snapshot while it is good.</summary>
    private async Task<Dictionary<int, string>> ViewKeysAsync(CancellationToken cancellationToken)
    {
        var keys = _viewKeys is null
            ? await db.ArticleViews.ToDictionaryAsync(v => v.ArticleId, v => v.Keys, cancellationToken)
            : new Dictionary<int, string>(_viewKeys);
        _removed.ForEach(id => keys.Remove(id));
        return keys;
    }

    /// <summary>The file facts of every row once this import is committed.</summary>
    private Dictionary<string, StoredArticle> ArticlesAfter()
    {
        var removed = _removed.ToHashSet();
        var after = new Dictionary<string, StoredArticle>(_existing.Count + _added.Count, StringComparer.Ordinal);
        foreach (var article in _existing.Values.Where(a => !removed.Contains(a.Id)))
        {
            after[article.SourcePath] = _authorSet.TryGetValue(article.Id, out var author) ? article with { AuthorId = author } : article;
        }

        foreach (var article in _added)
        {
            after[article.SourcePath] = article;
        }

        return after;
    }

    /// <summary>Without <see cref="FinishAsync"/>, nothing is kept: the transaction rolls back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_importLock is not null)
        {
            await _importLock.DisposeAsync();
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }
    }

    /// <summary>The slugs of the authors a file defines: an author file's, or a text page's author block's.</summary>
    private static IEnumerable<string> AuthorSlugsOf(SeedDocument document) =>
        new[] { document.Author?.Slug, document.Article?.InlineAuthor?.Slug }.OfType<string>();

    private async Task<(Dictionary<string, int> Ids, HashSet<string> ChangedFiles)> ImportAuthorsAsync(CancellationToken cancellationToken)
    {
        var definitions = Authors;
        var stored = await db.Authors.AsTracking().ToDictionaryAsync(a => a.Slug, StringComparer.Ordinal, cancellationToken);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (slug, seed) in definitions)
        {
            if (!stored.TryGetValue(slug, out var author))
            {
                author = new Author { Slug = slug, Name = seed.Name, SourcePath = seed.SourcePath };
                db.Authors.Add(author);
                stored[slug] = author;
            }

            if (author.Id == 0 || author.Name != seed.Name || author.JobTitle != seed.JobTitle || author.BioHtml != seed.BioHtml
                || author.AvatarSrc != seed.AvatarSrc || author.SourcePath != seed.SourcePath)
            {
                changed.Add(seed.SourcePath);
            }

            author.Name = seed.Name;
            author.JobTitle = seed.JobTitle;
            author.BioHtml = seed.BioHtml;
            author.AvatarSrc = seed.AvatarSrc;
            author.SourcePath = seed.SourcePath;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (definitions.Keys.ToDictionary(slug => slug, slug => stored[slug].Id, StringComparer.Ordinal), changed);
    }

    private Article ToArticle(SeedDocument document, ArticleSeed seed, int? authorId,
        Dictionary<string, Section> sections, Dictionary<string, Tag> tags) => new()
        {
            Slug = seed.Slug,
            Language = seed.LanguageOr(_defaultLanguage),
            TranslationOf = seed.TranslationOf,
            Headline = seed.Headline,
            Dek = seed.Dek,
            Excerpt = seed.Excerpt,
            PublishedUtc = seed.PublishedUtc,
            UpdatedUtc = seed.UpdatedUtc,
            IsDraft = seed.IsDraft,
            Section = seed.Section is null ? null : Lookup(sections, seed.Section, (slug, name) => new Section { Slug = slug, Name = name }),
            Tags = [.. seed.Tags.Select(t => Lookup(tags, t, (slug, name) => new Tag { Slug = slug, Name = name }))],
            Image = seed.Image,
            Format = seed.Format,
            Html = seed.Html,
            WordCount = seed.WordCount,
            ReadingMinutes = seed.ReadingMinutes,
            RelatedLinks = [.. seed.Related
            .Where(r => r.Slug != seed.Slug)
            .Select((r, i) => new RelatedLink { Position = i, TargetSlug = r.Slug, Url = r.Url, Title = r.Title, Excerpt = r.Excerpt })],
            Corrections = [.. seed.Corrections.Select((c, i) => new Correction { Position = i, DateUtc = c.DateUtc, Kind = c.Kind, Text = c.Text })],
            AuthorId = authorId,
            SourcePath = document.Path,
            ContentHash = document.Hash,
        };

    private static T Lookup<T>(Dictionary<string, T> known, string name, Func<string, string, T> create)
    {
        var slug = Slug.From(name);
        if (!known.TryGetValue(slug, out var value))
        {
            value = create(slug, name);
            known[slug] = value;
        }

        return value;
    }

    private async Task DeleteOrphansAsync(CancellationToken cancellationToken)
    {
        await db.Tags.Where(t => !t.Articles.Any()).ExecuteDeleteAsync(cancellationToken);
        await db.Sections.Where(s => !s.Articles.Any()).ExecuteDeleteAsync(cancellationToken);

        // Authors no file defines any more go once no article (such as a kept last good version) names them.
        var defined = _authorIds.Values.ToList();
        await db.Authors.Where(a => !defined.Contains(a.Id) && !a.Articles.Any()).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The articles (by id) and authors (id 0 and below) that show one of <paramref name="pictures"/> (<c>/media/</c>
    /// URLs), with the keys of what they show.
    /// </summary>
    private async Task<Dictionary<int, string[]>> PictureUsersAsync(IReadOnlySet<string> pictures, CancellationToken cancellationToken)
    {
        var urls = pictures.ToList();
        var articles = await db.Articles.Where(a => a.Image != null && a.Image.Src != null && urls.Contains(a.Image.Src))
            .Select(a => new { a.Id, a.Slug }).ToListAsync(cancellationToken);
        var authors = await db.Authors.Where(a => a.AvatarSrc != null && urls.Contains(a.AvatarSrc)).Select(a => new { a.Id, a.Slug }).ToListAsync(cancellationToken);
        var users = articles.ToDictionary(a => a.Id, a => new[] { ContentKeys.Article(a.Slug), ContentKeys.ArticleBody(a.Slug) });
        foreach (var author in authors)
        {
            users[-author.Id] = [ContentKeys.Author(author.Slug)];
        }

        return users;
    }
}
