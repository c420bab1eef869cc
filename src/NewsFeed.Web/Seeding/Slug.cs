using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Seeding;

/// <summary>URL slugs: lower-case ASCII letters and digits in hyphen-separated words.</summary>
public static partial class Slug
{
    public static bool IsValid(string slug) =>
        slug.Length <= SeedLimits.SlugLength && ValidSlug().IsMatch(slug);

    /// <summary>
    /// Derives a slug from a headline or name: accents are dropped ("Café" → "cafe"), apostrophes vanish
    /// ("Russia's" → "russias"), anything else that is not a letter or digit separates words. Returns an
    /// empty string when nothing Latin is left (such text needs an explicit slug).
    /// </summary>
    public static string From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '\u2018')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return Truncate(sb.ToString());
    }

    private static string Truncate(string slug)
    {
        if (slug.Length <= SeedLimits.SlugLength)
        {
            return slug;
        }

        var cut = slug.LastIndexOf('-', SeedLimits.SlugLength);
        return cut > 0 ? slug[..cut] : slug[..SeedLimits.SlugLength];
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex ValidSlug();
}
