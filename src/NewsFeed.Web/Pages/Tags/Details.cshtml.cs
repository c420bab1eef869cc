using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages.Tags;

public sealed class DetailsModel(NewsDbContext db, SiteListings listings, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public string Name { get; private set; } = "";

    public string Slug { get; private set; } = "";

    public ArticlePage Articles { get; private set; } = null!;

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.Reject(this, pageNumber, $"/tags/{slug}") is { } rejected)
        {
            return rejected;
        }

        var name = await db.Tags.Where(t => t.Slug == slug).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        Name = name;
        Slug = slug;
        Articles = await listings.PageAsync(Listing.Tag(slug), pageNumber ?? 1, time.GetUtcNow().UtcDateTime, preview.Value, cancellationToken);
        Pager = new Pager($"/tags/{slug}", Articles.Number, Articles.HasMore);
        HttpContext.DependsOn(ContentKeys.Tag(slug), Articles.Articles);
        return Paging.PageOrNotFound(this, Articles);
    }
}
