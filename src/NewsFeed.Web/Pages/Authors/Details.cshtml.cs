using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages.Authors;

public sealed class DetailsModel(NewsDbContext db, SiteListings listings, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public AuthorProfile Author { get; private set; } = null!;

    public ArticlePage Articles { get; private set; } = null!;

    public Pager Pager => new($"/authors/{Author.Slug}", Articles.Number, Articles.HasMore);

    public async Task<IActionResult> OnGetAsync(string slug, int? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.Reject(this, pageNumber, $"/authors/{slug}") is { } rejected)
        {
            return rejected;
        }

        var author = await db.Authors.Where(a => a.Slug == slug)
            .Select(a => new AuthorProfile(a.Id, a.Slug, a.Name, a.JobTitle, a.BioHtml, a.AvatarSrc))
            .FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return NotFound();
        }

        Author = author;
        Articles = await listings.PageAsync(Listing.Author(slug), pageNumber ?? 1, time.GetUtcNow().UtcDateTime, preview.Value, cancellationToken);
        HttpContext.DependsOn(ContentKeys.Author(slug));
        HttpContext.DependsOn(ContentKeys.AuthorListing(slug), Articles.Articles);
        return Paging.PageOrNotFound(this, Articles);
    }

    public sealed record AuthorProfile(int Id, string Slug, string Name, string? JobTitle, string? BioHtml, string? AvatarSrc);
}
