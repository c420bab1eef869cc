namespace NewsFeed.Web.Model;

/// <summary>
/// The body text readers last saw of an article, by slug: what the next import compares a changed body with, to catch
/// a change no correction owns up to (<see cref="Corrections.StealthEdits"/>). Kept apart from the article's row, which
/// every re-import replaces, and outlives it: an article taken down and put back changed is compared too.
/// </summary>
/// <remarks>
/// Unlike the rest of the store, this is not derived from <c>seeds/</c> alone: it remembers earlier versions. A store
/// rebuild (a model change) forgets it, and the first import after that records each body afresh, without a warning.
/// </remarks>
public sealed class PublishedBody
{
    public required string Slug { get; set; }

    /// <summary>The body's plain text (the words the search index has) of the version readers saw.</summary>
    public required string Text { get; set; }

    /// <summary>When that version was imported: a correction owning up to a later change is dated on or after this day.</summary>
    public DateTime ImportedUtc { get; set; }

    /// <summary>
    /// That version's publication time. Until then nobody has read it, so a scheduled article's body is recorded again at
    /// each import without a comparison; from then on, changes are compared.
    /// </summary>
    public DateTime PublishedUtc { get; set; }

    /// <summary>
    /// A short hash of each corrections entry that version carried, space-separated: an entry not among them is new, and
    /// only a new entry owns up to a change.
    /// </summary>
    public required string Corrections { get; set; }

    /// <summary>
    /// The body as last imported, while it differs from <see cref="Text"/> by a significant change that no new correction
    /// owns up to (the warning stands, and preview shows the diff); null otherwise.
    /// </summary>
    public string? PendingText { get; set; }
}
