using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Search;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Pages;

public sealed class SearchModel(SearchIndex index, SiteListings listings, TimeProvider time, Editions editions) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // "page" is taken: Razor Pages keeps the page name in that route value.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public SearchPage? Results { get; private set; }

    public Pager? Pager { get; private set; }

    /// <summary>The search page of the edition a reader searched from (<c>/search</c>, <c>/uk/search</c>): its chrome's language; it finds articles of both.</summary>
    public string Path => PagePaths.Search(HttpContext.Edition());

    public async Task<IActionResult> OnGetAsync(string? edition, CancellationToken cancellationToken)
    {
        // A page number that is not a positive whole number is an address that does not exist.
        if (!ModelState.IsValid || PageNumber is <= 0)
        {
            return NotFound();
        }

        if (edition is not null)
        {
            // The route's constraint lets only another edition's code through.
            HttpContext.SetEdition(editions.Find(edition)!);
        }

        ViewData["SearchQuery"] = Query;
        HttpContext.DependsOn(ContentKeys.Search);
        if (string.IsNullOrWhiteSpace(Query))
        {
            return Page();
        }

        Results = await ArticleSearch.SearchAsync(index, listings, Query, PageNumber ?? 1, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (Results.Hits.Count == 0 && Results.Number > 1)
        {
            return NotFound();
        }

        var q = Uri.EscapeDataString(Query);
        var path = Path;
        Pager = new Pager(Results.Number, Results.HasMore, n => n == 1 ? $"{path}?q={q}" : $"{path}?q={q}&p={n}");
        return Page();
    }
}
