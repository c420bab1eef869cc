using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// A hash of every word of the chrome in every language it is written in: what was written ahead with them
    /// (<see cref="Data.ArticleViews"/>) is made again when one changes, as a page rendered per request would show it.
    /// </summary>
    public static string Fingerprint { get; } = MakeFingerprint();

    private static string MakeFingerprint()
    {
        var words = new StringBuilder();
        foreach (var (culture, key, value) in Entries())
        {
            words.Append(culture).Append('\0').Append(key).Append('\0').Append(value).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(words.ToString())))[..16];
    }

    /// <summary>Every entry of every resource file a page's chrome may read, by the culture whose file holds it.</summary>
    internal static IEnumerable<(string Culture, string Key, string? Value)> Entries()
    {
        var resources = new ResourceManager(typeof(SiteText));
        // Each edition's culture and those it falls back to (uk-UA, uk, the invariant culture: SiteText.uk.resx is "uk").
        var cultures = new Editions("en").All.SelectMany(e => Lineage(e.Culture)).Distinct().OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var culture in cultures)
        {
            // Only the strings this culture's own file holds.
            if (resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is not { } set)
            {
                continue;
            }

            foreach (var (key, value) in set.Cast<System.Collections.DictionaryEntry>().Select(e => ((string)e.Key, e.Value as string)).Order())
            {
                yield return (culture.Name, key, value);
            }
        }

        static IEnumerable<CultureInfo> Lineage(CultureInfo culture)
        {
            for (var c = culture; ; c = c.Parent)
            {
                yield return c;
                if (c.Equals(CultureInfo.InvariantCulture))
                {
                    yield break;
                }
            }
        }
    }
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
