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
        var decomposed = NormalizableOnly(text).Normalize(NormalizationForm.FormD);
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

    /// <summary>
    /// The text without what <see cref="string.Normalize(NormalizationForm)"/> throws on: noncharacters (U+FFFE,
    /// U+FDD0, …; valid UTF-8, and a UTF-16 file read backwards starts with one) and unpaired surrogates. None of them
    /// could be in a slug anyway.
    /// </summary>
    private static string NormalizableOnly(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var valid = !char.IsSurrogate(c) || width == 2;
            if (valid && !IsNoncharacter(width == 2 ? char.ConvertToUtf32(c, text[i + 1]) : c))
            {
                clean?.Append(text, i, width);
            }
            else
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append(' ');
            }

            i += width - 1;
        }

        return clean?.ToString() ?? text;
    }

    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

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
