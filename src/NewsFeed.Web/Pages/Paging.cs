using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Pages;

/// <summary>
/// Listings answer at their own URL and at <c>{url}/page/{n}</c>. Razor Pages allows one template per
/// <c>@page</c>, so the second route is added here, next to the rule for the pages that need it.
/// </summary>
public static class Paging
{
    public static PageConventionCollection AddPagedRoutes(this PageConventionCollection conventions)
    {
        AddPageRoute(conventions, "/Index", "page/{pageNumber:int}");
        AddPageRoute(conventions, "/Index", Edition + "/page/{pageNumber:int}");
        AddPageRoute(conventions, "/Authors/Details", "authors/{slug}/page/{pageNumber:int}");
        AddPageRoute(conventions, "/Tags/Details", "tags/{slug}/page/{pageNumber:int}");
        AddPageRoute(conventions, "/Sections/Details", "sections/{slug}/page/{pageNumber:int}");
        AddPageRoute(conventions, "/Corrections", "corrections/page/{pageNumber:int}");
        return conventions;
    }

    /// <summary>
    /// Another edition's pages under its prefix (Site/Editions.cs): its front page (<c>/uk/</c>, paged above) and the search
    /// page in its language (<c>/uk/search</c>).
    /// </summary>
    public static PageConventionCollection AddEditionRoutes(this PageConventionCollection conventions)
    {
        AddPageRoute(conventions, "/Index", Edition);
        AddPageRoute(conventions, "/Search", Edition + "/search");
        return conventions;
    }

    private const string Edition = "{edition:" + Site.EditionRouteConstraint.Name + "}";

    /// <summary>
    /// The answer for a page number that is not a page of a listing: <c>/page/1</c> redirects to the listing
    /// itself, zero and below do not exist. Null means go on.
    /// </summary>
    public static IActionResult? Reject(PageModel page, int? pageNumber, string basePath) =>
        pageNumber switch
        {
            1 => page.RedirectPermanent(basePath),
            <= 0 => page.NotFound(),
            _ => null,
        };

    /// <summary>A page past the end of a listing does not exist; an empty first page is just an empty listing.</summary>
    public static IActionResult PageOrNotFound(PageModel page, ArticlePage articles) =>
        articles.Articles.Count == 0 && articles.Number > 1 ? page.NotFound() : page.Page();

    /// <summary>The URL of page <paramref name="number"/> of the listing at <paramref name="basePath"/>.</summary>
    public static string PageUrl(string basePath, int number) =>
        number <= 1 ? basePath : $"{basePath.TrimEnd('/')}/page/{number}";

    // Only for matching requests: asp-page links must keep resolving to the page's own @page route (with
    // AddPageRoute's link generation on, they came out empty), and page links are built by PageUrl.
    private static void AddPageRoute(PageConventionCollection conventions, string page, string template) =>
        conventions.AddPageRouteModelConvention(page, model => model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = template, SuppressLinkGeneration = true },
        }));
}

/// <summary>What the pager and the head's rel=prev/next links need; <see cref="UrlOf"/> gives a page's URL.</summary>
public sealed record Pager(int Number, bool HasMore, Func<int, string> UrlOf)
{
    /// <summary>A listing paged by path: <c>{basePath}/page/{n}</c>.</summary>
    public Pager(string basePath, int number, bool hasMore)
        : this(number, hasMore, n => Paging.PageUrl(basePath, n))
    {
    }

    public string? PreviousUrl => Number > 1 ? UrlOf(Number - 1) : null;
    public string? NextUrl => HasMore ? UrlOf(Number + 1) : null;
}
