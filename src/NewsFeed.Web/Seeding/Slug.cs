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
    /// Derives a slug from a headline or name: Ukrainian (Cyrillic) letters are written in Latin by the national
    /// table (<see cref="Transliterate"/>: "Київ" → "kyiv"), accents are dropped ("Café" → "cafe"), apostrophes
    /// vanish ("Russia's" → "russias"), anything else that is not a letter or digit separates words. Returns an
    /// empty string when nothing Latin is left (such text needs an explicit slug).
    /// </summary>
    public static string From(string text)
    {
        // Composed first: "й" and "ї" decompose into "и" and "і" with a mark, which the table spells differently.
        var decomposed = Transliterate(NormalizableOnly(text).Normalize(NormalizationForm.FormC)).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || IsApostrophe(c) || c == '\u2018')
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

    /// <summary>
    /// Cyrillic to Latin by Ukraine's national transliteration table (Resolution No. 55 of the Cabinet of Ministers,
    /// 27 January 2010): є, ї, й, ю and я are ye, yi, y, yu and ya at the start of a word and ie, i, i, iu and ia
    /// elsewhere; "зг" is "zgh" (so it is not read as "zh"); ь and the apostrophe are left out. Letters the Ukrainian
    /// alphabet lacks take their usual Latin forms (ё yo/io, ы y, э e; ъ is left out). Lower-case; other text is kept.
    /// </summary>
    public static string Transliterate(string text)
    {
        StringBuilder? latin = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            if (c is < '\u0400' or > '\u04FF')
            {
                latin?.Append(text[i]);
                continue;
            }

            latin ??= new StringBuilder(text, 0, i, text.Length + 16);
            // After an apostrophe the word goes on ("Знам'янка" → "znamianka"); after anything else that is not a letter it starts.
            var start = i == 0 || !(char.IsLetter(text[i - 1]) || IsApostrophe(text[i - 1]) && i > 1 && char.IsLetter(text[i - 2]));
            latin.Append(c switch
            {
                'а' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "h",
                'ґ' => "g",
                'д' => "d",
                'е' => "e",
                'є' => start ? "ye" : "ie",
                'ж' => "zh",
                'з' => i + 1 < text.Length && char.ToLowerInvariant(text[i + 1]) == 'г' ? "zg" : "z",
                'и' => "y",
                'і' => "i",
                'ї' => start ? "yi" : "i",
                'й' => start ? "y" : "i",
                'к' => "k",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'о' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' => "u",
                'ф' => "f",
                'х' => "kh",
                'ц' => "ts",
                'ч' => "ch",
                'ш' => "sh",
                'щ' => "shch",
                'ю' => start ? "yu" : "iu",
                'я' => start ? "ya" : "ia",
                'ё' => start ? "yo" : "io",
                'ы' => "y",
                'э' => "e",
                'ь' or 'ъ' => "",
                _ => " ",
            });
        }

        return latin?.ToString() ?? text;
    }

    /// <summary>The apostrophes Ukrainian text is written with: ASCII, the typographic ’ and the modifier letter ʼ.</summary>
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

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
