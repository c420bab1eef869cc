namespace NewsFeed.Web.Seeding;

/// <summary>
/// What <see cref="SeedValidator.Validate"/> added to a folder's documents, kept in preview between saves. A save
/// whose files changed nothing the checks read (<see cref="SeedValidator.SameFacts"/>: a body, a headline, tags, a
/// caption) gets the same problems again, without checking every file of the folder against the others.
/// </summary>
internal sealed class KeptValidation
{
    // By path, only the documents validation added to: most have nothing.
    private readonly Dictionary<string, SeedProblem[]> _added;
    private readonly SeedDocument[] _unused;

    private KeptValidation(Dictionary<string, SeedProblem[]> added, SeedDocument[] unused) => (_added, _unused) = (added, unused);

    /// <param name="read">The documents as read, in the order validated.</param>
    /// <param name="validated">What validation returned for copies of them: the same order, then the unused pictures'.</param>
    public static KeptValidation Of(IReadOnlyList<SeedDocument> read, IReadOnlyList<SeedDocument> validated)
    {
        var added = new Dictionary<string, SeedProblem[]>(StringComparer.Ordinal);
        for (var i = 0; i < read.Count; i++)
        {
            // Validation only appends to a document's problems.
            if (validated[i].Problems.Count > read[i].Problems.Count)
            {
                added[read[i].Path] = [.. validated[i].Problems.Skip(read[i].Problems.Count)];
            }
        }

        return new(added, [.. validated.Skip(read.Count)]);
    }

    /// <summary>
    /// Copies of <paramref name="read"/>, in its order, with the problems validation gave the documents at their paths,
    /// then the unused pictures': what validating the folder again gives, when every file that changed since has the
    /// same facts.
    /// </summary>
    public List<SeedDocument> Apply(IReadOnlyCollection<SeedDocument> read)
    {
        var documents = new List<SeedDocument>(read.Count + _unused.Length);
        foreach (var document in read)
        {
            var copy = document.Copy();
            if (_added.Count > 0 && _added.TryGetValue(document.Path, out var problems))
            {
                copy.Problems.AddRange(problems);
            }

            documents.Add(copy);
        }

        documents.AddRange(_unused.Select(d => d.Copy()));
        return documents;
    }
}
