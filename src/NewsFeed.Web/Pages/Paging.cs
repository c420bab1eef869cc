using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace NewsFeed.Web.Pages;

/// <summary>
/// Listings answer at their own URL and at <c>{url}/page/{n}</c>. Razor Pages allows one template per
/// <c>@page</c>, so the second route is added here, next to the rule for the pages that need it.
/// </summary>
public static class Paging
{
    public static void AddPagedRoutes(this PageConventionCollection conventions)
    {
        conventions.AddPageRoute("/Index", "page/{pageNumber:int}");
        conventions.AddPageRoute("/Authors/Details", "authors/{slug}/page/{pageNumber:int}");
        conventions.AddPageRoute("/Tags/Details", "tags/{slug}/page/{pageNumber:int}");
        conventions.AddPageRoute("/Sections/Details", "sections/{slug}/page/{pageNumber:int}");
    }

    /// <summary>The URL of page <paramref name="number"/> of the listing at <paramref name="basePath"/>.</summary>
    public static string PageUrl(string basePath, int number) =>
        number <= 1 ? basePath : $"{basePath.TrimEnd('/')}/page/{number}";
}

/// <summary>What the pager and the head's rel=prev/next links need.</summary>
public sealed record Pager(string BasePath, int Number, bool HasMore)
{
    public string? PreviousUrl => Number > 1 ? Paging.PageUrl(BasePath, Number - 1) : null;
    public string? NextUrl => HasMore ? Paging.PageUrl(BasePath, Number + 1) : null;
}
