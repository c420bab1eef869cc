using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Data;
using NewsFeed.Web.Preview;

namespace NewsFeed.Web.Pages;

public sealed class IndexModel(NewsDbContext db, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<ArticleCard> Articles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Articles = await db.Articles
            .Visible(time.GetUtcNow().UtcDateTime, preview.Value)
            .Newest()
            .ToCard()
            .Take(PageSize)
            .ToListAsync(cancellationToken);
    }
}
