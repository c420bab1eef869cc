using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Search;

namespace NewsFeed.Web.Pages;

public sealed class SearchModel(NewsDbContext db, SearchIndex index, SiteListings listings, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // "page" is taken: Razor Pages keeps the page name in that route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public SearchPage? Results { get; private set; }

    public Pager? Pager { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A page number that is not a positive whole number is an address that does not exist.
        if (!ModelState.IsValid || PageNumber is <= 0)
        {
            return NotFound();
        }

        ViewData["SearchQuery"] = Query;
        HttpContext.DependsOn(ContentKeys.Search);
        if (string.IsNullOrWhiteSpace(Query))
        {
            return Page();
        }

        Results = await ArticleSearch.SearchAsync(db, index, listings, Query, PageNumber ?? 1, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (Results.Hits.Count == 0 && Results.Number > 1)
        {
            return NotFound();
        }

        var q = Uri.EscapeDataString(Query);
        Pager = new Pager(Results.Number, Results.HasMore, n => n == 1 ? $"/search?q={q}" : $"/search?q={q}&p={n}");
        return Page();
    }
}
