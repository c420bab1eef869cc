using System.Globalization;

namespace NewsFeed.Web.Site;

/// <summary>
/// Which plural form a whole number takes in a language, by the CLDR's rules and category names (the ones JavaScript's
/// <c>Intl.PluralRules</c> gives, so site.js picks the same form): English has "one" and "other"; Ukrainian "one"
/// (1, 21, 101), "few" (2–4, 22–24) and "many" (0, 5–20, 25–30, 111). A language added to <see cref="Editions"/> whose
/// numbers behave otherwise gets its rule here.
/// </summary>
public static class Plurals
{
    public const string One = "one";
    public const string Few = "few";
    public const string Many = "many";
    public const string Other = "other";

    /// <summary>The forms a language's resources must give every counted phrase, in CLDR order.</summary>
    public static IReadOnlyList<string> CategoriesOf(string languageCode) => languageCode switch
    {
        "uk" => [One, Few, Many],
        _ => [One, Other],
    };

    /// <summary>The form <paramref name="count"/> takes in <paramref name="culture"/>'s language.</summary>
    public static string CategoryOf(CultureInfo culture, long count) => CategoryOf(culture.TwoLetterISOLanguageName, count);

    public static string CategoryOf(string languageCode, long count)
    {
        var n = Math.Abs(count);
        return languageCode switch
        {
            "uk" => (n % 10, n % 100) switch
            {
                (1, not 11) => One,
                ( >= 2 and <= 4, not (>= 12 and <= 14)) => Few,
                _ => Many,
            },
            _ => n == 1 ? One : Other,
        };
    }
}
