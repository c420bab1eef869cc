using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Pages.Articles;

public sealed class DetailsModel(NewsDbContext db, TimeProvider time, IOptions<PreviewOptions> preview) : PageModel
{
    public ArticleView Article { get; private set; } = null!;

    public IReadOnlyList<ReadMore> Related { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var article = await db.Articles.Visible(now, preview.Value)
            .Where(a => a.Slug == slug)
            .Select(a => new ArticleView(
                a.Slug, a.Headline, a.Dek, a.PublishedUtc, a.UpdatedUtc, a.Section == null ? null : a.Section.Name,
                a.Image, a.Html, a.ReadingMinutes,
                a.Author == null ? null : new AuthorView(a.Author.Slug, a.Author.Name, a.Author.JobTitle, a.Author.BioHtml, a.Author.AvatarSrc),
                a.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
                a.RelatedLinks.OrderBy(r => r.Position).ToList(),
                a.IsDraft))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        Related = await ResolveRelatedAsync(article, now, cancellationToken);
        return Page();
    }

    // Internal links resolve now, not at import, so they follow the target's current headline and vanish with it.
    // A captured teaser (title only) links to the article of that headline when the site has it.
    private async Task<List<ReadMore>> ResolveRelatedAsync(ArticleView article, DateTime now, CancellationToken cancellationToken)
    {
        var wanted = article.Links.Select(l => l.TargetSlug ?? (l.Url is null && l.Title is not null ? Slug.From(l.Title) : null))
            .OfType<string>().Where(s => s != article.Slug).ToList();
        var targets = wanted.Count == 0 ? [] : await db.Articles.Visible(now, preview.Value)
            .Where(a => wanted.Contains(a.Slug))
            .ToDictionaryAsync(a => a.Slug, a => new { a.Headline, a.Excerpt }, cancellationToken);

        var result = new List<ReadMore>();
        foreach (var link in article.Links)
        {
            var slug = link.TargetSlug ?? (link.Url is null && link.Title is not null ? Slug.From(link.Title) : null);
            if (slug is not null && targets.TryGetValue(slug, out var target))
            {
                result.Add(new ReadMore(link.Title ?? target.Headline, $"/articles/{slug}", link.Excerpt ?? target.Excerpt));
            }
            else if (link.TargetSlug is null && link.Title is not null)
            {
                result.Add(new ReadMore(link.Title, link.Url, link.Excerpt));
            }
        }

        return result;
    }

    public sealed record ArticleView(
        string Slug, string Headline, string? Dek, DateTime PublishedUtc, DateTime? UpdatedUtc, string? SectionName,
        HeroImage? Image, string Html, int ReadingMinutes, AuthorView? Author, List<string> Tags, List<RelatedLink> Links,
        bool IsDraft = false);

    public sealed record AuthorView(string Slug, string Name, string? JobTitle, string? BioHtml, string? AvatarSrc);

    /// <summary>An entry of "Read more"; <see cref="Href"/> is null for a captured teaser whose article is not on this site.</summary>
    public sealed record ReadMore(string Title, string? Href, string? Excerpt);
}
