using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Pages;

/// <summary>The site's page for every error status: 404 for unknown addresses, 500 for failures.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(Editions editions) : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? code)
    {
        // Only a re-executed error (a status page or a caught exception) has a status to show; someone asking
        // for /error/500 directly asked for an address that does not exist.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Status = !reExecuted ? StatusCodes.Status404NotFound
            : code is >= 400 and <= 599 ? code.Value
            : code is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        // The language of the address that failed: /uk/no-such-page is answered in Ukrainian, anything else in the default.
        var failedPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? Request.Path;
        HttpContext.SetEdition(editions.AtPath(failedPath));
    }
}
