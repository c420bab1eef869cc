using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages.Components;

/// <summary>The header's section links: layout chrome with a query of its own, so a view component.</summary>
public sealed class SectionNavViewComponent(NewsDbContext db, TimeProvider time) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sections = await db.Sections
            .Where(s => s.Articles.Any(a => !a.IsDraft && a.PublishedUtc <= now))
            .OrderBy(s => s.Name)
            .Select(s => new SectionLink(s.Slug, s.Name))
            .ToListAsync(HttpContext.RequestAborted);
        return View(sections);
    }

    public sealed record SectionLink(string Slug, string Name);
}
