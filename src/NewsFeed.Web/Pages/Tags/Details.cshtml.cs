using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages.Tags;

public sealed class DetailsModel(NewsDbContext db, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
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

        var tag = await db.Tags.Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }

        Name = tag.Name;
        Slug = slug;
        Articles = await db.Articles.Visible(time.GetUtcNow().UtcDateTime, preview.Value)
            .Where(a => a.Tags.Any(t => t.Id == tag.Id))
            .ToPageAsync(pageNumber ?? 1, cancellationToken);
        Pager = new Pager($"/tags/{slug}", Articles.Number, Articles.HasMore);
        HttpContext.DependsOn(ContentKeys.Tag(slug), Articles.Articles);
        return Paging.PageOrNotFound(this, Articles);
    }
}
