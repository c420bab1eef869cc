using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages;

public sealed class IndexModel(SiteListings listings, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public ArticlePage Feed { get; private set; } = null!;

    public Pager Pager => new("/", Feed.Number, Feed.HasMore);

    public async Task<IActionResult> OnGetAsync(int? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.Reject(this, pageNumber, "/") is { } rejected)
        {
            return rejected;
        }

        Feed = await listings.PageAsync(Listing.Newest, pageNumber ?? 1, time.GetUtcNow().UtcDateTime, preview.Value, cancellationToken);
        HttpContext.DependsOn(ContentKeys.Newest, Feed.Articles);
        return Paging.PageOrNotFound(this, Feed);
    }
}
