using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NewsFeed.Web.Site;

/// <summary>
/// Renders every page (its view, layout, partials, view components and tag helpers) in its edition's culture, so the
/// chrome's words (<see cref="SiteText"/>) and dates come out in the article's language. Around the result, not the
/// handler: the handler is where a page names its edition, and a culture set inside an awaited handler would not flow
/// back out of it.
/// </summary>
public sealed class EditionCultureFilter : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var culture = context.HttpContext.Edition().Culture;
        var (cultureWas, uiCultureWas) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            await next();
        }
        finally
        {
            CultureInfo.CurrentCulture = cultureWas;
            CultureInfo.CurrentUICulture = uiCultureWas;
        }
    }
}
