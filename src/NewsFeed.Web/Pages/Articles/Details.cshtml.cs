using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Corrections;
using NewsFeed.Web.Data;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Model;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Pages.Articles;

public sealed class DetailsModel(NewsDbContext db, ArticleRead read, TimeProvider time, IOptions<PreviewOptions> preview, Editions editions) : PageModel
{
    public StoredPage Article { get; private set; } = null!;

    /// <summary>The article's edition: the language its page speaks.</summary>
    public Edition Edition { get; private set; } = null!;

    /// <summary>The same story in the other languages a reader may see now, the original first; empty for most articles.</summary>
    public IReadOnlyList<Alternate> Translations { get; private set; } = [];

    public IReadOnlyList<ReadMore> Related { get; private set; } = [];

    /// <summary>Preview only: the change of the body since the version readers saw, while no correction owns up to it.</summary>
    public BodyChange? BodyChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // One indexed read of one row: everything beyond the article's own columns was resolved at import (ArticleViews),
        // the parts of the page that depend on content alone written as HTML (ArticleMarkup). Who may see it is decided
        // here, by the same rule as the listings' queries (PreviewQueries.IsVisible).
        var row = await read.BySlugAsync(db, slug, cancellationToken);
        if (row is null || !PreviewQueries.IsVisible(row.IsDraft, row.PublishedUtc, now, preview.Value))
        {
            return NotFound();
        }

        var view = ArticleViews.Parse(row.View ?? "");
        Article = row;
        Edition = editions.Of(view.Language);
        HttpContext.SetEdition(Edition);
        Translations = [.. (view.Translations ?? [])
            .Where(t => PreviewQueries.IsVisible(t.IsDraft, t.PublishedUtc, now, preview.Value))
            .OrderByDescending(t => t.IsOriginal).ThenBy(t => t.Language, StringComparer.Ordinal)
            .Select(t => new Alternate(editions.Of(t.Language), PagePaths.Article(t.Slug), t.IsOriginal))];
        BodyChange = preview.Value.Enabled && !row.IsDraft ? await StealthEdits.PendingChangeAsync(db, row.Slug, cancellationToken) : null;
        Related = RelatedArticles.Choose(row.Slug, view, t => PreviewQueries.IsVisible(t.IsDraft, t.PublishedUtc, now, preview.Value));
        // The article whole (the body key, which every change of it touches), its author's card, its tags' listings (the
        // newest articles sharing a tag fill "Read more") and every teaser "Read more" shows or may show once visible.
        HttpContext.DependsOn((row.ViewKeys ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Page();
    }

    /// <summary>What an article page reads (<see cref="ArticleRead"/>): the row, its body and its view's columns (null without a view).</summary>
    public sealed record StoredPage(
        string Slug, string Headline, DateTime PublishedUtc, bool IsDraft, string Html, string? View, string? ViewKeys,
        string? Head, string? Top, string? Figure, string? End);

    /// <summary>What the parts of an article page written at import are made from (<see cref="ArticleMarkup"/>, <see cref="NewsArticleJsonLd"/>).</summary>
    public sealed record ArticleView(
        string Slug, string Headline, string? Dek, string Excerpt, DateTime PublishedUtc, DateTime? UpdatedUtc, Link? Section,
        HeroImage? Image, int ReadingMinutes, AuthorView? Author, List<Link> Tags, List<CorrectionView>? Corrections = null, string Language = "")
    {
        /// <summary>
        /// Shown when the update is on another day than publication (same-day fixes are not news), and always when the
        /// article carries a correction: readers are owed the time it changed.
        /// </summary>
        public bool ShowUpdated => UpdatedUtc is { } updated && (updated.Date != PublishedUtc.Date || Corrections is { Count: > 0 });
    }

    /// <summary>A correction as the article, its data and its feed items show it.</summary>
    public sealed record CorrectionView(DateTime DateUtc, CorrectionKind Kind, string Text)
    {
        public string Label => LabelOf(Kind);

        /// <summary>The label's key in SiteText, for the page's language; the feeds and the NewsArticle data keep <see cref="LabelOf"/>'s English.</summary>
        public static string LabelKey(CorrectionKind kind) => "Correction." + LabelOf(kind);

        public static string LabelOf(CorrectionKind kind) => kind switch
        {
            CorrectionKind.Clarification => "Clarification",
            CorrectionKind.Update => "Update",
            _ => "Correction",
        };
    }

    /// <summary>The story in another edition's language, at <paramref name="Path"/>.</summary>
    public sealed record Alternate(Edition Edition, string Path, bool IsOriginal);

    public sealed record AuthorView(string Slug, string Name, string? JobTitle, string? BioHtml, string? AvatarSrc);

    public sealed record Link(string Slug, string Name);
}
