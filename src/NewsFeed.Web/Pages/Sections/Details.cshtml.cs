using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages.Sections;

public sealed class DetailsModel(NewsDbContext db, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public string Name { get; private set; } = "";

    public string Slug { get; private set; } = "";

    public ArticlePage Articles { get; private set; } = null!;

    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int? pageNumber, CancellationToken cancellationToken)
    {
        if (Paging.Reject(this, pageNumber, $"/sections/{slug}") is { } rejected)
        {
            return rejected;
        }

        var section = await db.Sections.Where(s => s.Slug == slug).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(cancellationToken);
        if (section is null)
        {
            return NotFound();
        }

        Name = section.Name;
        Slug = slug;
        Articles = await db.Articles.Visible(time.GetUtcNow().UtcDateTime, preview.Value)
            .Where(a => a.SectionId == section.Id)
            .ToPageAsync(pageNumber ?? 1, cancellationToken);
        Pager = new Pager($"/sections/{slug}", Articles.Number, Articles.HasMore);
        HttpContext.DependsOn(ContentKeys.Section(slug), Articles.Articles);
        return Paging.PageOrNotFound(this, Articles);
    }
}
