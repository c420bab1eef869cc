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
        var isPublic = ArticleQueries.IsPublic(time.GetUtcNow().UtcDateTime);
        Tags = await db.Tags
            .Where(t => t.Articles.AsQueryable().Any(isPublic))
            .OrderBy(t => t.Name)
            .Select(t => new TagEntry(t.Slug, t.Name, t.Articles.AsQueryable().Count(isPublic)))
            .ToListAsync(cancellationToken);
        HttpContext.DependsOn(ContentKeys.TagIndex);
    }

    public sealed record TagEntry(string Slug, string Name, int Articles);
}
