namespace NewsFeed.Web.Seeding;

/// <summary>
/// Step two of the import: the checks that need every document at once. Adds problems to the documents;
/// of two files with the same slug, the one whose path sorts first (ordinal) wins, so the outcome never
/// depends on the order the file system lists files in.
/// </summary>
public static class SeedValidator
{
    public static void Validate(IReadOnlyList<SeedDocument> documents)
    {
        var ordered = documents.OrderBy(d => d.Path, StringComparer.Ordinal).ToList();

        var authorFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in ordered.Where(d => d is { HasErrors: false, Author: not null }))
        {
            var slug = document.Author!.Slug;
            if (!authorFiles.TryAdd(slug, document.Path))
            {
                document.Problems.Add(new SeedProblem(document.Path, 1, 1, ProblemSeverity.Error,
                    $"author slug '{slug}' is already used by {authorFiles[slug]}"));
            }
        }

        var articles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in ordered.Where(d => d is { HasErrors: false, Article: not null }))
        {
            var article = document.Article!;
            if (!articles.TryAdd(article.Slug, document.Path))
            {
                document.Problems.Add(new SeedProblem(document.Path, Math.Max(article.SlugLine, 1), 1, ProblemSeverity.Error,
                    $"slug '{article.Slug}' is already used by {articles[article.Slug]}; give this article its own slug: field"));
            }
        }

        var inlineAuthors = ordered
            .Where(d => d is { HasErrors: false, Article.InlineAuthor: not null })
            .Select(d => d.Article!.InlineAuthor!.Slug)
            .ToHashSet(StringComparer.Ordinal);

        foreach (var document in ordered.Where(d => d is { HasErrors: false, Article: not null }))
        {
            var article = document.Article!;
            if (article.AuthorSlug is { } author && !authorFiles.ContainsKey(author) && !inlineAuthors.Contains(author))
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
                else if (!articles.ContainsKey(related.Slug!))
                {
                    document.Problems.Add(new SeedProblem(document.Path, related.Line, 1, ProblemSeverity.Warning,
                        $"related: no article has the slug '{related.Slug}'; the entry is left out until one does"));
                }
            }
        }
    }
}
