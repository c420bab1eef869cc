namespace NewsFeed.Web.Seeding;

/// <summary>
/// Step two of the import: the checks that need other documents. Adds problems to the documents; of two files
/// with the same slug, the one whose path sorts first (ordinal) wins, so the outcome never depends on the order
/// the file system lists files in. The one place for every problem across files: the import, preview and
/// <c>check</c> all validate here, and the report, the problems bar and <c>/healthz/ready</c> show its result.
/// </summary>
/// <remarks>
/// A slug's owner depends only on the files before it, so the slugs can be claimed run by run in path order
/// (<see cref="ClaimAuthorSlugs"/>, <see cref="ClaimArticleSlugs"/>); the references, which any file may
/// satisfy, are checked once every slug is claimed (<see cref="CheckReferences"/>).
/// </remarks>
public sealed class SeedValidator(string defaultLanguage = "en")
{
    private readonly Dictionary<string, string> _authorFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _articles = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="documents"/> against each other, and against <paramref name="pictures"/> when given.</summary>
    /// <param name="documents">Every seed of the folder, as read.</param>
    /// <param name="pictures">The <c>/media/</c> address of every picture under <c>seeds/images/</c> (<see cref="Images.ImageCatalog.Urls"/>).</param>
    /// <param name="defaultLanguage">The site's language, as an edition code: an article's without <c>lang:</c>.</param>
    /// <returns>The documents, and <see cref="Unused"/>'s.</returns>
    public static IReadOnlyList<SeedDocument> Validate(
        IReadOnlyList<SeedDocument> documents, IEnumerable<string>? pictures = null, string defaultLanguage = "en")
    {
        var ordered = SeedFiles.IsInPathOrder(documents, d => d.Path) ? documents : [.. documents.OrderBy(d => d.Path, StringComparer.Ordinal)];
        var validator = new SeedValidator(defaultLanguage);
        validator.ClaimAuthorSlugs(ordered);
        validator.ClaimArticleSlugs(ordered);
        validator.CheckTranslations(ordered);
        validator.CheckReferences(ordered);
        var unused = pictures is null ? [] : Unused(documents, pictures);
        return unused.Count == 0 ? documents : [.. documents, .. unused];
    }

    /// <summary>
    /// Whether the checks here read the same of <paramref name="before"/> as of <paramref name="after"/> (one path before
    /// and after a save; null for no file). When they do, any folder validates alike with either, so a save that changes
    /// only a body, a headline or tags can keep the problems the last validation gave (<see cref="KeptValidation"/>).
    /// Names every field the checks read: a check that reads another must add it here.
    /// </summary>
    public static bool SameFacts(SeedDocument? before, SeedDocument? after)
    {
        if (before is null || after is null)
        {
            return before is null && after is null;
        }

        if (before.HasErrors != after.HasErrors || !before.Pictures.SetEquals(after.Pictures))
        {
            return false;
        }

        // A file with errors takes no part in the checks but for the pictures it names.
        return before.HasErrors
            || (before.Author?.Slug == after.Author?.Slug && SameArticleFacts(before.Article, after.Article));
    }

    private static bool SameArticleFacts(ArticleSeed? before, ArticleSeed? after) =>
        before is null || after is null
            ? before is null && after is null
            : before.Slug == after.Slug && before.SlugLine == after.SlugLine
                && before.AuthorSlug == after.AuthorSlug && before.AuthorLine == after.AuthorLine
                && before.InlineAuthor?.Slug == after.InlineAuthor?.Slug
                && before.Language == after.Language
                && before.TranslationOf == after.TranslationOf && before.TranslationLine == after.TranslationLine
                && before.PublishedUtc == after.PublishedUtc && before.UpdatedUtc == after.UpdatedUtc
                && before.Related.Where(r => r.Slug is not null).Select(r => (r.Slug, r.Line))
                    .SequenceEqual(after.Related.Where(r => r.Slug is not null).Select(r => (r.Slug, r.Line)));

    /// <summary>
    /// One document for each picture no seed uses, with that warning at the picture's path: a picture is not a seed, but
    /// an editor looks for it where the other problems are. It is a warning, nothing more: the picture is still served at
    /// its address, and nothing is skipped. A seed that names it counts even when that seed has errors (its last good
    /// version may show it).
    /// </summary>
    public static List<SeedDocument> Unused(IReadOnlyList<SeedDocument> documents, IEnumerable<string> pictures)
    {
        var named = documents.SelectMany(d => d.Pictures).ToHashSet(StringComparer.Ordinal);
        var unused = new List<SeedDocument>();
        foreach (var url in pictures.Where(p => !named.Contains(p)).Order(StringComparer.Ordinal))
        {
            var picture = new SeedDocument { Path = SeedPictures.PathOf(url), Hash = "" };
            picture.Problems.Add(new SeedProblem(picture.Path, 1, 1, ProblemSeverity.Warning,
                "no article or author uses this picture; show it (an article's image.src or body, an author's avatar) or delete it"));
            unused.Add(picture);
        }

        return unused;
    }

    /// <summary>Author files, in path order after those of earlier calls: a second file of one slug is an error.</summary>
    public void ClaimAuthorSlugs(IEnumerable<SeedDocument> ordered)
    {
        foreach (var document in ordered.Where(d => d is { HasErrors: false, Author: not null }))
        {
            var slug = document.Author!.Slug;
            if (!_authorFiles.TryAdd(slug, document.Path))
            {
                document.Problems.Add(new SeedProblem(document.Path, 1, 1, ProblemSeverity.Error,
                    $"author slug '{slug}' is already used by {_authorFiles[slug]}"));
            }
        }
    }

    /// <summary>Articles, in path order after those of earlier calls: a second article of one slug is an error.</summary>
    public void ClaimArticleSlugs(IReadOnlyCollection<SeedDocument> ordered)
    {
        _articles.EnsureCapacity(_articles.Count + ordered.Count);
        foreach (var document in ordered.Where(d => d is { HasErrors: false, Article: not null }))
        {
            var article = document.Article!;
            if (!_articles.TryAdd(article.Slug, document.Path))
            {
                document.Problems.Add(new SeedProblem(document.Path, Math.Max(article.SlugLine, 1), 1, ProblemSeverity.Error,
                    $"slug '{article.Slug}' is already used by {_articles[article.Slug]}; give this article its own slug: field"));
            }
        }
    }

    /// <summary>Authors and related articles named but defined by no file: warnings, once every slug is claimed.</summary>
    public void CheckReferences(IReadOnlyList<SeedDocument> ordered)
    {
        var inlineAuthors = ordered
            .Where(d => d is { HasErrors: false, Article.InlineAuthor: not null })
            .Select(d => d.Article!.InlineAuthor!.Slug)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var document in ordered.Where(d => d is { HasErrors: false, Article: not null }))
        {
            var article = document.Article!;
            if (article.AuthorSlug is { } author && !_authorFiles.ContainsKey(author) && !inlineAuthors.Contains(author))
            {
                document.Problems.Add(new SeedProblem(document.Path, Math.Max(article.AuthorLine, 1), 1, ProblemSeverity.Warning,
                    $"author: '{author}' has no file seeds/authors/{author}.md; the article is shown without an author"));
            }

            foreach (var related in article.Related.Where(r => r.Slug is not null))
            {
                if (related.Slug == article.Slug)
                {
                    document.Problems.Add(new SeedProblem(document.Path, related.Line, 1, ProblemSeverity.Warning,
                        "related: an article cannot be related to itself; the entry is left out"));
                }
                else if (!_articles.ContainsKey(related.Slug!))
                {
                    document.Problems.Add(new SeedProblem(document.Path, related.Line, 1, ProblemSeverity.Warning,
                        $"related: no article has the slug '{related.Slug}'; the entry is left out until one does"));
                }
            }
        }
    }

    /// <summary>
    /// <c>translation_of:</c> must name an original (an article that translates nothing) in another language, and an
    /// original has one translation per language: the one whose path sorts first. Each broken pair is an error of the
    /// translation, which is then skipped (its last good version stays). A translation dated before its original's last
    /// change is a warning: the original may have changed since it was translated. Call once every slug is claimed.
    /// </summary>
    /// <returns>The documents that got an error here.</returns>
    public List<SeedDocument> CheckTranslations(IReadOnlyList<SeedDocument> ordered)
    {
        var articles = ordered.Where(d => d is { HasErrors: false, Article: not null }).ToList();
        var translations = articles.Where(d => d.Article!.TranslationOf is not null).OrderBy(d => d.Path, StringComparer.Ordinal).ToList();
        // Only the articles translations name are looked up: most stores have few translations, and a save checks all 10,000 files.
        var named = translations.Select(d => d.Article!.TranslationOf!).ToHashSet(StringComparer.Ordinal);
        var bySlug = new Dictionary<string, SeedDocument>(StringComparer.Ordinal);
        foreach (var document in named.Count == 0 ? [] : articles.Where(d => named.Contains(d.Article!.Slug)))
        {
            // The slug's owner (ClaimArticleSlugs): a second file of the slug already has its error.
            bySlug.TryAdd(document.Article!.Slug, document);
        }

        var failed = new List<SeedDocument>();
        var taken = new Dictionary<(string Original, string Language), string>();
        foreach (var document in translations)
        {
            var article = document.Article!;
            var language = article.LanguageOr(defaultLanguage);
            var line = Math.Max(article.TranslationLine, 1);
            var target = article.TranslationOf!;
            string? error = null;
            if (target == article.Slug)
            {
                error = "translation_of: names this article itself; name the slug of the original it translates";
            }
            else if (!bySlug.TryGetValue(target, out var original))
            {
                error = $"translation_of: no article has the slug '{target}'; name the slug of the original it translates";
            }
            else if (original.Article!.TranslationOf is { } root)
            {
                error = $"translation_of: '{target}' ({original.Path}) is itself a translation of '{root}'; name the original, '{root}'";
            }
            else if (original.Article.LanguageOr(defaultLanguage) == language)
            {
                error = $"translation_of: '{target}' ({original.Path}) is in {language} too; a translation is in another language (lang:)";
            }
            else if (!taken.TryAdd((target, language), document.Path))
            {
                error = $"translation_of: '{target}' already has a translation in {language}, {taken[(target, language)]}; an original has one per language";
            }
            else if ((article.UpdatedUtc ?? article.PublishedUtc) < (original.Article.UpdatedUtc ?? original.Article.PublishedUtc))
            {
                var changed = original.Article.UpdatedUtc ?? original.Article.PublishedUtc;
                document.Problems.Add(new SeedProblem(document.Path, line, 1, ProblemSeverity.Warning,
                    $"translation_of: the original '{target}' changed after this translation ({changed:yyyy-MM-dd HH:mm} UTC); bring it up to date and set its updated: date"));
            }

            if (error is not null)
            {
                document.Problems.Add(new SeedProblem(document.Path, line, 1, ProblemSeverity.Error, error));
                failed.Add(document);
            }
        }

        return failed;
    }
}
