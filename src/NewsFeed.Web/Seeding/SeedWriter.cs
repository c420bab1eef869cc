using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Images;
using NewsFeed.Web.Model;
using NewsFeed.Web.Search;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// Step three of the import: writes the read and validated documents to the store in one transaction.
/// Articles are matched by source path; an unchanged file (same hash) is not written again; a file with
/// errors is skipped and its last good version stays; articles whose file vanished are deleted.
/// </summary>
public sealed class SeedWriter(NewsDbContext db, SiteOptions site, TimeProvider time, ImageCatalog? images = null)
{
    public async Task<(IReadOnlyList<SeedFileResult> Files, int Deleted, ContentChange Change, long? ChangeRecord)> ImportAsync(
        IReadOnlyList<SeedDocument> documents, CancellationToken cancellationToken, IReadOnlySet<string>? changedPictures = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var importLock = await StoreProvider.LockImportAsync(db, cancellationToken);
        var results = new List<SeedFileResult>(documents.Count);
        var ordered = documents.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();

        var (authorIds, authorsChanged) = await ImportAuthorsAsync(ordered, cancellationToken);
        var existing = await db.Articles
            .Select(a => new { a.Id, a.SourcePath, a.Slug, a.ContentHash, a.AuthorId })
            .ToDictionaryAsync(a => a.SourcePath, StringComparer.Ordinal, cancellationToken);
        var sections = await db.Sections.AsTracking().ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);
        var tags = await db.Tags.AsTracking().ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken);
        var added = new List<(Article Row, ArticleSeed Seed)>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var storedSlugs = existing.Values.Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        var reassigned = false;
        // What the change touches: each written or deleted article as it was and as it is now.
        var touched = new List<(ArticleFacts? Before, ArticleFacts? After)>();
        var authorSlugs = authorIds.ToDictionary(a => a.Value, a => a.Key);
        var authorKeys = new HashSet<string>(StringComparer.Ordinal);

        foreach (var document in ordered)
        {
            if (document.HasErrors)
            {
                var kept = existing.TryGetValue(document.Path, out var lastGood) ? lastGood.Slug : null;
                results.Add(new(document.Path, SeedFileState.Skipped, document.Problems, kept));
                continue;
            }

            if (document.Author is not null)
            {
                var state = authorsChanged.Contains(document.Path) ? SeedFileState.Imported : SeedFileState.Unchanged;
                results.Add(new(document.Path, state, document.Problems));
                continue;
            }

            if (document.Article is not { } seed)
            {
                results.Add(new(document.Path, SeedFileState.Ignored, document.Problems));
                continue;
            }

            int? authorId = seed.AuthorSlug is not null && authorIds.TryGetValue(seed.AuthorSlug, out var id) ? id : null;
            if (existing.TryGetValue(document.Path, out var current) && current.ContentHash == document.Hash)
            {
                if (current.AuthorId != authorId)
                {
                    // An author file appeared or vanished since: the article itself is unchanged.
                    var before = await ArticleFacts.ReadAsync(db.Articles.Where(a => a.Id == current.Id), cancellationToken);
                    await db.Articles.Where(a => a.Id == current.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.AuthorId, authorId), cancellationToken);
                    reassigned = true;
                    touched.AddRange(before.Select(b => ((ArticleFacts?)b, (ArticleFacts?)(b with { Author = authorId is { } a ? authorSlugs[a] : null }))));
                }

                results.Add(new(document.Path, SeedFileState.Unchanged, document.Problems, current.Slug));
                continue;
            }

            // Replace: the old row of this file, and any other row holding the slug this file now claims (a new
            // file with a new slug, as in every file of a first import, has nothing to replace).
            var after = new ArticleFacts(seed.Slug, seed.PublishedUtc, seed.IsDraft, seed.Section is null ? null : Slug.From(seed.Section),
                authorId is { } assigned ? authorSlugs[assigned] : null, [.. seed.Tags.Select(Slug.From)],
                ArticleFacts.TeaserOf(seed.Headline, seed.Excerpt, seed.ReadingMinutes, seed.Image?.Src, seed.Image?.Alt));
            if (existing.ContainsKey(document.Path) || storedSlugs.Contains(seed.Slug))
            {
                var replacing = db.Articles.Where(a => a.SourcePath == document.Path || a.Slug == seed.Slug);
                var before = await ArticleFacts.ReadAsync(replacing, cancellationToken);
                await replacing.ExecuteDeleteAsync(cancellationToken);
                touched.Add((before.FirstOrDefault(b => b.Slug == seed.Slug) ?? before.FirstOrDefault(), after));
                touched.AddRange(before.Where(b => b.Slug != seed.Slug && before.Count > 1).Select(b => ((ArticleFacts?)b, (ArticleFacts?)null)));
            }
            else
            {
                touched.Add((null, after));
            }

            replaced.UnionWith(existing.Values.Where(a => a.Slug == seed.Slug && a.SourcePath != document.Path).Select(a => a.SourcePath));
            var row = ToArticle(document, seed, authorId, sections, tags);
            db.Articles.Add(row);
            added.Add((row, seed));
            results.Add(new(document.Path, SeedFileState.Imported, document.Problems, seed.Slug));
        }

        // A broken file's last good version is gone when another file took its slug (before or after it in the loop).
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].KeptLastGood && replaced.Contains(results[i].Path))
            {
                results[i] = results[i] with { ArticleSlug = null };
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var authorNames = await db.Authors.ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        await ArticleSearch.IndexAsync(db, added.Select(a => (a.Row.Id, a.Seed.Headline, a.Seed.Dek, a.Seed.BodyText,
            a.Row.AuthorId is { } author ? authorNames[author] : null, a.Seed.Tags.AsEnumerable())), cancellationToken);

        var seen = documents.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var vanished = existing.Values.Where(a => !seen.Contains(a.SourcePath)).Select(a => a.Id).ToList();
        if (vanished.Count > 0)
        {
            touched.AddRange((await ArticleFacts.ReadAsync(db.Articles.Where(a => vanished.Contains(a.Id)), cancellationToken)).Select(b => ((ArticleFacts?)b, (ArticleFacts?)null)));
        }

        var deleted = vanished.Count == 0 ? 0 : await db.Articles.Where(a => vanished.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);

        var change = ArticleFacts.Changes(touched);
        foreach (var slug in ordered.Where(d => authorsChanged.Contains(d.Path)).SelectMany(AuthorSlugsOf))
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
        var changed = added.Count > 0 || deleted > 0 || reassigned || authorsChanged.Count > 0 || pictureUsers.Count > 0;
        // Nothing below needs the rows written above in memory (at a cold import, every article's body and source).
        db.ChangeTracker.Clear();
        var views = await ArticleViews.RefreshAsync(db, changed ? change : ContentChange.None, site, time.GetUtcNow().UtcDateTime, cancellationToken,
            images, pictureUsers.Keys.Where(id => id > 0).ToList());
        if (changed)
        {
            await DeleteOrphansAsync(authorIds, cancellationToken);
            await ArticleSearch.RefreshAsync(db, reassigned || authorsChanged.Count > 0, cancellationToken);
            // Other instances on this store read the change and evict the same pages (StoreChanges).
            record = await StoreChanges.RecordAsync(db, change, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        if (added.Count > 0 || deleted > 0 || views > 0)
        {
            await StoreProvider.AfterImportAsync(db, cancellationToken);
        }
        return (results, deleted, change, record);
    }

    /// <summary>The slugs of the authors a file defines: an author file's, or a text page's author block's.</summary>
    private static IEnumerable<string> AuthorSlugsOf(SeedDocument document) =>
        new[] { document.Author?.Slug, document.Article?.InlineAuthor?.Slug }.OfType<string>();

    private async Task<(Dictionary<string, int> Ids, HashSet<string> ChangedFiles)> ImportAuthorsAsync(
        List<SeedDocument> ordered, CancellationToken cancellationToken)
    {
        // An author file wins over an author block of the same slug; among blocks, the first file wins.
        var definitions = new Dictionary<string, AuthorSeed>(StringComparer.Ordinal);
        foreach (var author in ordered.Where(d => !d.HasErrors && d.Author is not null).Select(d => d.Author!))
        {
            definitions.TryAdd(author.Slug, author);
        }

        foreach (var author in ordered.Where(d => !d.HasErrors && d.Article?.InlineAuthor is not null).Select(d => d.Article!.InlineAuthor!))
        {
            definitions.TryAdd(author.Slug, author);
        }

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

    private static Article ToArticle(SeedDocument document, ArticleSeed seed, int? authorId,
        Dictionary<string, Section> sections, Dictionary<string, Tag> tags) => new()
        {
            Slug = seed.Slug,
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
            Source = seed.Source,
            Html = seed.Html,
            WordCount = seed.WordCount,
            ReadingMinutes = seed.ReadingMinutes,
            RelatedLinks = [.. seed.Related
            .Where(r => r.Slug != seed.Slug)
            .Select((r, i) => new RelatedLink { Position = i, TargetSlug = r.Slug, Url = r.Url, Title = r.Title, Excerpt = r.Excerpt })],
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

    private async Task DeleteOrphansAsync(Dictionary<string, int> authorIds, CancellationToken cancellationToken)
    {
        await db.Tags.Where(t => !t.Articles.Any()).ExecuteDeleteAsync(cancellationToken);
        await db.Sections.Where(s => !s.Articles.Any()).ExecuteDeleteAsync(cancellationToken);

        // Authors no file defines any more go once no article (such as a kept last good version) names them.
        var defined = authorIds.Values.ToList();
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
