using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages;

public sealed class IndexModel(NewsDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<ArticleCard> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Articles = await db.Articles
            .Published(time.GetUtcNow().UtcDateTime)
            .Newest()
            .ToCard()
            .Take(PageSize)
            .ToListAsync(cancellationToken);
    }
}
