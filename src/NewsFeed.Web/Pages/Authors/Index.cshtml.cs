using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages.Authors;

public sealed class IndexModel(NewsDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<AuthorEntry> Authors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var isPublic = ArticleQueries.IsPublic(time.GetUtcNow().UtcDateTime);
        Authors = await db.Authors
            .Where(a => a.Articles.AsQueryable().Any(isPublic))
            .OrderBy(a => a.Name)
            .Select(a => new AuthorEntry(a.Slug, a.Name, a.JobTitle, a.AvatarSrc,
                a.Articles.AsQueryable().Count(isPublic)))
            .ToListAsync(cancellationToken);
        HttpContext.DependsOn(ContentKeys.AuthorIndex);
    }

    public sealed record AuthorEntry(string Slug, string Name, string? JobTitle, string? AvatarSrc, int Articles);
}
