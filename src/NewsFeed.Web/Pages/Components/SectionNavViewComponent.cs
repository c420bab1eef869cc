using Microsoft.AspNetCore.Mvc;
using NewsFeed.Web.Caching;

namespace NewsFeed.Web.Pages.Components;

/// <summary>
/// The header's section links: layout chrome, read once per content change by <see cref="SiteContent"/>, which
/// also evicts every page when they change.
/// </summary>
public sealed class SectionNavViewComponent(SiteContent content) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await content.SectionsAsync(HttpContext.RequestAborted));
}
