using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace NewsFeed.Web.Site;

/// <summary>
/// The words of the page chrome (navigation, bylines, pagers, labels, error pages) in every edition's language:
/// <c>SiteText.resx</c> beside this file is English and the fallback, <c>SiteText.uk.resx</c> Ukrainian. Views read them
/// as <c>@Text["Key"]</c> (<c>_ViewImports.cshtml</c>) in the culture <see cref="EditionCultureFilter"/> sets.
/// Keys name the place, not the English words, so a change of wording is one line in each file.
/// </summary>
public sealed class SiteText
{
    private SiteText()
    {
    }

    /// <summary>
    /// The same words outside a request, for the parts of pages the import writes ahead (<see cref="Pages.Articles.ArticleMarkup"/>):
    /// the resources DI's localizer reads (<c>AddLocalization()</c>, default options), in the current UI culture.
    /// </summary>
    public static IStringLocalizer<SiteText> Words { get; } = new StringLocalizer<SiteText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}

/// <summary>How the site's HTML encodes text: every letter as itself (the pages are UTF-8), markup characters as entities.</summary>
public static class SiteHtml
{
    /// <summary>Razor's, through <c>WebEncoderOptions</c>; without it Razor would write every non-ASCII letter as an entity ("Tom&amp;#xE1;s").</summary>
    public static TextEncoderSettings EncoderSettings => new(UnicodeRanges.All);

    /// <summary>The same encoder, for markup written outside Razor.</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(EncoderSettings);
}

/// <summary>Counted phrases: one key per plural form, <c>Key_one</c>, <c>Key_few</c>, … (<see cref="Plurals"/>).</summary>
public static class SiteTextExtensions
{
    private static readonly JsonSerializerOptions ScriptJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static readonly ConcurrentDictionary<(string Culture, string Key), string> FormsJson = new();

    /// <summary>
    /// The form of <paramref name="key"/> for <paramref name="count"/> in the current language ("1 стаття", "2 статті",
    /// "5 статей"), formatted with the count as <c>{0}</c> and <paramref name="more"/> after it.
    /// </summary>
    public static LocalizedString Plural(this IStringLocalizer<SiteText> text, string key, long count, params object[] more) =>
        text[key + "_" + Plurals.CategoryOf(CultureInfo.CurrentUICulture, count), [count, .. more]];

    /// <summary>
    /// <see cref="PluralForms"/> as a JSON object, for a script to pick from; made once per language and key, as the
    /// resources cannot change while the app runs. Serialized per request with options made for it, it was a quarter of
    /// an uncached listing page's CPU (each new options object builds its serializer metadata, JIT included, again).
    /// </summary>
    public static string PluralFormsJson(this IStringLocalizer<SiteText> text, string key) =>
        FormsJson.GetOrAdd((CultureInfo.CurrentUICulture.Name, key), _ => JsonSerializer.Serialize(text.PluralForms(key), ScriptJson));

    /// <summary>Each plural form of <paramref name="key"/> in the current language, unformatted, by CLDR category.</summary>
    public static IReadOnlyDictionary<string, string> PluralForms(this IStringLocalizer<SiteText> text, string key) =>
        Plurals.CategoriesOf(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).ToDictionary(c => c, c => text[key + "_" + c].Value);
}
