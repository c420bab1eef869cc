using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using NewsFeed.Web.Site;

namespace NewsFeed.Web.Rendering;

/// <summary>
/// <c>&lt;time utc="@date"&gt;</c> writes the machine-readable instant into <c>datetime</c> and the date in plain
/// words as the content, the same way across the site in each language: "September 15, 2025", "15 вересня 2025".
/// </summary>
[HtmlTargetElement("time", Attributes = "utc")]
public sealed class TimeTagHelper(IStringLocalizer<SiteText> text) : TagHelper
{
    /// <summary>How a date reads in English (SiteText.resx's <c>Date.Format</c>), and in the feeds, which keep it.</summary>
    public const string DateFormat = "MMMM d, yyyy";

    public DateTime Utc { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var utc = DateTime.SpecifyKind(Utc, DateTimeKind.Utc);
        output.Attributes.SetAttribute("datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        // The page's culture (EditionCultureFilter): its month names, in the pattern its language writes a date with.
        output.Content.SetContent(utc.ToString(text["Date.Format"], CultureInfo.CurrentCulture));
    }
}
