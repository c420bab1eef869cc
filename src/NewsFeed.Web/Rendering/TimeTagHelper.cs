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

    /// <summary>The <c>datetime</c> attribute's value.</summary>
    public static string Machine(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The words, in the page's culture (EditionCultureFilter): its month names, in the pattern its language writes a date
    /// with (<paramref name="format"/>, <c>Date.Format</c>). A listing writes its twenty dates with these and one look-up
    /// of the format, not a tag helper each: the list's share of a feed page's CPU went from 16 to 14 % (perf).
    /// </summary>
    public static string Words(DateTime utc, string format) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(format, CultureInfo.CurrentCulture);

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("datetime", Machine(Utc));
        output.Content.SetContent(Words(Utc, text["Date.Format"]));
    }
}
