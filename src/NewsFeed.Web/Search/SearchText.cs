using System.Globalization;
using System.Text;

namespace NewsFeed.Web.Search;

/// <summary>
/// How text becomes search terms, the same for an article and for a query: a word is a run of letters, marks and
/// digits (what <see cref="ArticleSearch.ToTerms"/> reads from a query), compared lower-case and, for Latin letters,
/// without diacritics ("Café" finds "cafe"). Cyrillic and other scripts keep their marks: "й" is not "и".
/// </summary>
public static class SearchText
{
    /// <summary>Where the words of <paramref name="text"/> are: (start, length), in order.</summary>
    public static List<(int Start, int Length)> Words(ReadOnlySpan<char> text)
    {
        var words = new List<(int, int)>((text.Length / 6) + 1);
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            // An ASCII character is judged here (IsWordChar is not inlined): most of a text is.
            var c = text[i];
            if (c < 0x80 ? char.IsAsciiLetterOrDigit(c) || (c == '\'' && IsInnerApostrophe(text, i)) : IsInWord(text, i))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                words.Add((start, i - start));
                start = -1;
            }
        }

        if (start >= 0)
        {
            words.Add((start, text.Length - start));
        }

        return words;
    }

    /// <summary>Whether the character at <paramref name="i"/> is part of a word: a word character, or an apostrophe inside a Ukrainian word.</summary>
    public static bool IsInWord(ReadOnlySpan<char> text, int i) => IsWordChar(text[i]) || IsInnerApostrophe(text, i);

    /// <summary>
    /// An apostrophe between two Cyrillic letters is inside a Ukrainian word ("м'ясо", "сім’я"), not between two: it is
    /// written three ways (', ’ and the modifier letter ʼ) or left out, and <see cref="Normalize(string)"/> drops it,
    /// so every spelling finds every other. Between Latin letters it still parts words ("Russia's" is found by "Russia").
    /// </summary>
    public static bool IsInnerApostrophe(ReadOnlySpan<char> text, int i) =>
        Seeding.Slug.IsApostrophe(text[i]) && i > 0 && i + 1 < text.Length && IsCyrillic(text[i - 1]) && IsCyrillic(text[i + 1]);

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    /// <summary>Per UTF-16 unit, as the query's regular expression reads it (a surrogate pair is not a letter there either).</summary>
    public static bool IsWordChar(char c) =>
        c < 0x80
            ? char.IsAsciiLetterOrDigit(c)
            : char.GetUnicodeCategory(c) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
                    or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
                _ => false,
            };

    /// <summary>
    /// The term a word is compared as. Writes into <paramref name="buffer"/> when it can (plain ASCII, the common case,
    /// allocates nothing) and returns the span of it; otherwise returns a new string's span.
    /// </summary>
    public static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length <= buffer.Length && System.Text.Ascii.IsValid(word))
        {
            System.Text.Ascii.ToLower(word, buffer, out var written);
            return buffer[..written];
        }

        return Normalize(word.ToString());
    }

    public static string Normalize(string word)
    {
        if (System.Text.Ascii.IsValid(word))
        {
            return word.ToLowerInvariant();
        }

        var decomposed = word.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var latinBase = false;
        foreach (var c in decomposed)
        {
            if (Seeding.Slug.IsApostrophe(c))
            {
                // Only inside a Ukrainian word (IsInnerApostrophe), or the modifier letter ʼ, which is a letter anywhere.
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                // A mark on a Latin letter is a diacritic ("é"); on any other script it may be a letter of its own.
                if (!latinBase)
                {
                    sb.Append(c);
                }

                continue;
            }

            latinBase = c < 0x250;
            sb.Append(c);
        }

        return sb.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormC);
    }
}
