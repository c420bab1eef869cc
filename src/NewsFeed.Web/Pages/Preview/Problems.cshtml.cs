using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Corrections;
using NewsFeed.Web.Data;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Pages.Preview;

/// <summary>Every seed file of the last import with its state and problems. Preview mode only; never cached.</summary>
public sealed class ProblemsModel(SeedImportStatus status, NewsDbContext db, IOptions<PreviewOptions> preview) : PageModel
{
    public ImportReport? Report { get; private set; }

    /// <summary>Files with errors first, then with warnings, then the rest; by path within each.</summary>
    public IReadOnlyList<SeedFileResult> Files { get; private set; } = [];

    /// <summary>Each changed body no correction owns up to, by article slug: shown under its file's warning.</summary>
    public IReadOnlyDictionary<string, BodyChange> BodyChanges { get; private set; } = new Dictionary<string, BodyChange>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!preview.Value.Enabled)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        Report = status.Last;
        Files = Report is null ? [] : [.. Report.Files
            .OrderBy(f => f.Problems.Any(p => p.IsError) ? 0 : f.Problems.Count > 0 ? 1 : 2)
            .ThenBy(f => f.Path, StringComparer.Ordinal)];
        var warned = Files.Where(f => f.ArticleSlug is not null && f.Problems.Any(p => p.Message.StartsWith(StealthEdits.Message, StringComparison.Ordinal)))
            .Select(f => f.ArticleSlug!).ToList();
        BodyChanges = warned.Count == 0 ? BodyChanges : await StealthEdits.PendingAsync(db, warned, cancellationToken);
        return Page();
    }

    public static string StateOf(SeedFileResult file) => file.State switch
    {
        SeedFileState.Imported => "imported",
        SeedFileState.Unchanged => "unchanged",
        SeedFileState.Skipped => "skipped",
        _ => "ignored",
    };
}
