using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsFeed.Web.Pages;

/// <summary>The site's page for every error status: 404 for unknown addresses, 500 for failures.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? code)
    {
        Status = code is >= 400 and <= 599 ? code.Value : code is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
    }
}
