using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Pages;

public sealed class IndexModel(SiteListings listings, TimeProvider time, IOptions<PreviewOptions> preview, Editions editions) : PageModel
{
    public ArticlePage Feed { get; private set; } = null!;

    /// <summary>Whose front page this is: the default edition's at <c>/</c>, another's at its prefix (<c>/uk/</c>).</summary>
    public Edition Edition { get; private set; } = null!;

    public Pager Pager => new(Edition.Home, Feed.Number, Feed.HasMore);

    public async Task<IActionResult> OnGetAsync(string? edition, int? pageNumber, CancellationToken cancellationToken)
    {
        // The route's constraint lets only another edition's code through.
        Edition = edition is null ? editions.Default : editions.Find(edition)!;
        if (pageNumber is null && Request.Path != Edition.Home)
        {
            // "/uk" is "/uk/": one address per page.
            return RedirectPermanent(Edition.Home);
        }

        if (Paging.Reject(this, pageNumber, Edition.Home) is { } rejected)
        {
            return rejected;
        }

        HttpContext.SetEdition(Edition);
        Feed = await listings.PageAsync(Listing.Edition(Edition.Code), pageNumber ?? 1, time.GetUtcNow().UtcDateTime, preview.Value, cancellationToken);
        HttpContext.DependsOn(ContentKeys.Newest, Feed.Articles);
        return Paging.PageOrNotFound(this, Feed);
    }
}
