using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Pages.Preview;

/// <summary>Every seed file of the last import with its state and problems. Preview mode only; never cached.</summary>
public sealed class ProblemsModel(SeedImportStatus status, IOptions<PreviewOptions> preview) : PageModel
{
    public ImportReport? Report { get; private set; }

    /// <summary>Files with errors first, then with warnings, then the rest; by path within each.</summary>
    public IReadOnlyList<SeedFileResult> Files { get; private set; } = [];

    public IActionResult OnGet()
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
