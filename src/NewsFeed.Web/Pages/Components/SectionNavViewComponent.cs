using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages.Components;

/// <summary>
/// The header's section links: layout chrome with a query of its own, so a view component. Every page shows
/// it and it changes only with content, so it is read once per <see cref="SiteContent.Version"/>.
/// </summary>
public sealed class SectionNavViewComponent(NewsDbContext db, TimeProvider time, SiteContent content, SectionNavViewComponent.Memo memo) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var version = content.Version;
        if (memo.Current is not { } known || known.Version != version)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var sections = await db.Sections
                .Where(s => s.Articles.Any(a => !a.IsDraft && a.PublishedUtc <= now))
                .OrderBy(s => s.Name)
                .Select(s => new SectionLink(s.Slug, s.Name))
                .ToListAsync(HttpContext.RequestAborted);
            // Stamped with the version read before the query: a change meanwhile makes the next page read again.
            known = new Links(version, sections);
            memo.Current = known;
        }

        return View(known.Sections);
    }

    public sealed record SectionLink(string Slug, string Name);

    public sealed record Links(long Version, IReadOnlyList<SectionLink> Sections);

    /// <summary>The last links read (a singleton); replaced whole, so a reader never sees half of one.</summary>
    public sealed class Memo
    {
        private Links? _current;

        public Links? Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }
    }
}
