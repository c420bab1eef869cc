using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages.Tags;

public sealed class IndexModel(NewsDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<TagEntry> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Tags = await db.Tags
            .Where(t => t.Articles.Any(a => !a.IsDraft && a.PublishedUtc <= now))
            .OrderBy(t => t.Name)
            .Select(t => new TagEntry(t.Slug, t.Name, t.Articles.Count(a => !a.IsDraft && a.PublishedUtc <= now)))
            .ToListAsync(cancellationToken);
        HttpContext.DependsOn(ContentKeys.TagIndex);
    }

    public sealed record TagEntry(string Slug, string Name, int Articles);
}
