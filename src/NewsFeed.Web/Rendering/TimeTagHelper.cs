using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NewsFeed.Web.Rendering;

/// <summary>
/// <c>&lt;time utc="@date"&gt;</c> writes the machine-readable instant into <c>datetime</c> and the date in plain
/// words as the content, in one format across the site.
/// </summary>
[HtmlTargetElement("time", Attributes = "utc")]
public sealed class TimeTagHelper : TagHelper
{
    /// <summary>How a date reads on the site ("September 15, 2025"), wherever it is written.</summary>
    public const string DateFormat = "MMMM d, yyyy";

    public DateTime Utc { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var utc = DateTime.SpecifyKind(Utc, DateTimeKind.Utc);
        output.Attributes.SetAttribute("datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        output.Content.SetContent(utc.ToString(DateFormat, CultureInfo.InvariantCulture));
    }
}
