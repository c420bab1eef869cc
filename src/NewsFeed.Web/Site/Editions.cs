using System.Globalization;
using Microsoft.Extensions.Options;

namespace NewsFeed.Web.Site;

/// <summary>
/// One language the site publishes in: its articles, its front page and feeds (at <see cref="Prefix"/>), and the
/// language its pages' chrome speaks.
/// </summary>
/// <param name="Code">The language's primary subtag, as front matter's <c>lang:</c> names it: <c>en</c>, <c>uk</c>.</param>
/// <param name="Tag">BCP 47 tag of its pages (<c>&lt;html lang&gt;</c>, <c>hreflang</c>, feeds): the site's own for the default edition.</param>
/// <param name="Culture">How its dates and numbers are written.</param>
/// <param name="Prefix">Where its front page and feeds are: empty for the default edition, <c>/uk</c> for the others.</param>
/// <param name="Name">The language's name in itself, as a link to it reads.</param>
public sealed record Edition(string Code, string Tag, CultureInfo Culture, string Prefix, string Name)
{
    /// <summary>The edition's front page: <c>/</c> or <c>/uk/</c>.</summary>
    public string Home => Prefix + "/";

    /// <summary><c>og:locale</c>'s form of the culture: <c>en_US</c>, <c>uk_UA</c>.</summary>
    public string OpenGraphLocale => Culture.Name.Replace('-', '_');
}

/// <summary>
/// The editions this site has: the languages the engine's chrome is written in (English and Ukrainian), with the one
/// of <c>NewsFeed:Site:Language</c> as the default at <c>/</c>. An article is in the default edition unless its front
/// matter says <c>lang:</c>.
/// </summary>
public sealed class Editions
{
    /// <summary>The languages page chrome exists in (Site/SiteText.{code}.resx), by code, with the culture their dates follow.</summary>
    private static readonly (string Code, string Culture, string Name)[] Known =
    [
        ("en", "en-US", "English"),
        ("uk", "uk-UA", "Українська"),
    ];

    public Editions(IOptions<SiteOptions> site)
        : this(site.Value.Language)
    {
    }

    public Editions(string siteLanguage)
    {
        var defaultCode = CodeOf(siteLanguage);
        var all = new List<Edition>();
        foreach (var (code, culture, name) in Known)
        {
            var isDefault = code == defaultCode;
            // The default edition keeps the site's own tag (en-GB) and, when .NET knows it, its culture's dates.
            var cultureInfo = isDefault && TryCulture(siteLanguage) is { } own && own.Name.Contains('-') ? own : CultureInfo.GetCultureInfo(culture);
            all.Add(new Edition(code, isDefault ? siteLanguage : code, cultureInfo, isDefault ? "" : "/" + code, name));
        }

        // A site language the chrome is not written in is still the default edition (its chrome in English).
        Default = all.Find(e => e.Code == defaultCode)
            ?? new Edition(defaultCode, siteLanguage, TryCulture(siteLanguage) ?? CultureInfo.GetCultureInfo("en-US"), "", siteLanguage);
        All = [Default, .. all.Where(e => e != Default && e.Code != defaultCode)];
    }

    public Edition Default { get; }

    /// <summary>The default edition first.</summary>
    public IReadOnlyList<Edition> All { get; }

    /// <summary>The edition of <paramref name="code"/> (a stored article's language), or the default for one the site no longer has.</summary>
    public Edition Of(string? code) => All.FirstOrDefault(e => e.Code == code) ?? Default;

    /// <summary>
    /// A teaser's <c>lang</c> on a page of <paramref name="page"/>'s language: the article's tag when it is in another
    /// (a tag's listing and search hold both editions), so screen readers and translation tools read it right; else null.
    /// </summary>
    public string? TagIfOther(string language, Edition page) => language.Length > 0 && language != page.Code ? Of(language).Tag : null;

    /// <summary>
    /// The edition whose prefix <paramref name="path"/> is under (<c>/uk/...</c>: uk), else the default: what a page
    /// with no article or listing of its own speaks, such as the 404 of an address that does not exist.
    /// </summary>
    public Edition AtPath(PathString path) =>
        All.FirstOrDefault(e => e.Prefix.Length > 0 && path.StartsWithSegments(e.Prefix, StringComparison.Ordinal)) ?? Default;

    /// <summary>The edition a <c>lang:</c> value names, by its primary subtag in any case (<c>uk</c>, <c>UK</c>, <c>uk-UA</c>).</summary>
    public Edition? Find(string value) => All.FirstOrDefault(e => e.Code == CodeOf(value));

    /// <summary>Whether <paramref name="value"/> names a language the chrome is written in: a valid tag of a known primary subtag.</summary>
    public static bool IsKnown(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$") && Array.Exists(Known, k => k.Code == CodeOf(value));

    /// <summary>The codes of <see cref="Known"/>, for a message: "en, uk".</summary>
    public static string KnownCodes => string.Join(", ", Known.Select(k => k.Code));

    public static string CodeOf(string languageTag) => languageTag.Split('-', '_')[0].Trim().ToLowerInvariant();

    private static CultureInfo? TryCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>The edition a response is in, for the layout and the page chrome: set by the page, read while it renders.</summary>
public static class EditionHttpExtensions
{
    private static readonly object Key = new();

    /// <summary>Says which edition's language this response speaks (an article page: its article's; a listing: its edition's).</summary>
    public static void SetEdition(this HttpContext http, Edition edition) => http.Items[Key] = edition;

    /// <summary>The edition <see cref="SetEdition"/> named, or the site's default.</summary>
    public static Edition Edition(this HttpContext http) =>
        http.Items.TryGetValue(Key, out var edition) && edition is Edition e ? e : http.RequestServices.GetRequiredService<Editions>().Default;
}

/// <summary>
/// <c>{edition:edition}</c>: a path segment naming an edition other than the default (<c>uk</c>), for the front page
/// and feeds under its prefix; the default edition has none (<c>/en/</c> is not a page).
/// </summary>
public sealed class EditionRouteConstraint(Editions editions) : IRouteConstraint
{
    public const string Name = "edition";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string code
        && editions.All.Any(e => e.Prefix.Length > 0 && string.Equals(e.Code, code, StringComparison.Ordinal));
}
