using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages;

/// <summary>Every correction, clarification and update the newsroom has made, newest first, paged like the feed.</summary>
public sealed class CorrectionsModel(NewsDbContext db, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public const string BasePath = "/corrections";

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public Pager Pager { get; private set; } = new(BasePath, 1, false);

    public async Task<IActionResult> OnGetAsync(int? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.Reject(this, pageNumber, BasePath) is { } rejected)
        {
            return rejected;
        }

        var number = pageNumber ?? 1;
        // One indexed range of the corrections table (newest first), each joined to its article for who may see it.
        var entries = await db.Corrections
            .Join(db.Articles.Visible(time.GetUtcNow().UtcDateTime, preview.Value), c => c.ArticleId, a => a.Id, (c, a) => new { c, a.Slug, a.Headline })
            .OrderByDescending(e => e.c.DateUtc).ThenByDescending(e => e.c.ArticleId).ThenBy(e => e.c.Position)
            .Skip((number - 1) * ArticleQueries.PageSize)
            .Take(ArticleQueries.PageSize + 1)
            .Select(e => new Entry(e.c.DateUtc, e.c.Kind, e.c.Text, e.Slug, e.Headline, e.c.ArticleId, e.c.Position))
            .ToListAsync(cancellationToken);
        if (entries.Count == 0 && number > 1)
        {
            return NotFound();
        }

        Entries = [.. entries.Take(ArticleQueries.PageSize)];
        Pager = new Pager(BasePath, number, entries.Count > ArticleQueries.PageSize);
        // Any change of an article with a correction, before or after it (ContentKeys.Corrections), and of the articles shown.
        HttpContext.DependsOn([ContentKeys.Corrections, .. Entries.Select(e => ContentKeys.ArticleBody(e.Slug)).Distinct()]);
        return Page();
    }

    public sealed record Entry(DateTime DateUtc, CorrectionKind Kind, string Text, string Slug, string Headline, int ArticleId, int Position);
}
