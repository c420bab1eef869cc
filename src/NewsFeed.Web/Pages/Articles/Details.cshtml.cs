using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Preview;

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
                a.Id, a.Slug, a.Headline, a.Dek, a.Excerpt, a.PublishedUtc, a.UpdatedUtc,
                a.Section == null ? null : new Link(a.Section.Slug, a.Section.Name),
                a.Image, a.Html, a.ReadingMinutes,
                a.Author == null ? null : new AuthorView(a.Author.Slug, a.Author.Name, a.Author.JobTitle, a.Author.BioHtml, a.Author.AvatarSrc),
                a.Tags.OrderBy(t => t.Name).Select(t => new Link(t.Slug, t.Name)).ToList(),
                a.RelatedLinks.OrderBy(r => r.Position).ToList(),
                a.IsDraft))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        Related = await RelatedArticles.ForAsync(db.Articles.Visible(now, preview.Value), article.Id, article.Slug, article.Links, cancellationToken);
        RecordDependencies(article);
        return Page();
    }

    /// <summary>
    /// The article, its author's card, every article its "Read more" shows or would show once it exists (a related
    /// slug not yet published), and its tags' listings (the newest articles sharing a tag fill "Read more").
    /// </summary>
    private void RecordDependencies(ArticleView article)
    {
        // Its own page shows it whole: the body key, which every change of the article touches.
        HttpContext.DependsOn(ContentKeys.ArticleBody(article.Slug));
        if (article.Author is { } author)
        {
            HttpContext.DependsOn(ContentKeys.Author(author.Slug));
        }

        foreach (var tag in article.Tags)
        {
            HttpContext.DependsOn(ContentKeys.Tag(tag.Slug));
        }

        foreach (var target in article.Links.Select(RelatedArticles.TargetOf).OfType<string>())
        {
            HttpContext.DependsOn(ContentKeys.Article(target));
        }

        foreach (var shown in Related.Where(r => r.Href?.StartsWith("/articles/", StringComparison.Ordinal) == true))
        {
            HttpContext.DependsOn(ContentKeys.Article(shown.Href!["/articles/".Length..]));
        }
    }

    public sealed record ArticleView(
        int Id, string Slug, string Headline, string? Dek, string Excerpt, DateTime PublishedUtc, DateTime? UpdatedUtc, Link? Section,
        HeroImage? Image, string Html, int ReadingMinutes, AuthorView? Author, List<Link> Tags, List<RelatedLink> Links,
        bool IsDraft = false)
    {
        /// <summary>Shown only when the update is on another day than publication: same-day fixes are not news.</summary>
        public bool ShowUpdated => UpdatedUtc is { } updated && updated.Date != PublishedUtc.Date;
    }

    public sealed record AuthorView(string Slug, string Name, string? JobTitle, string? BioHtml, string? AvatarSrc);

    public sealed record Link(string Slug, string Name);
}
