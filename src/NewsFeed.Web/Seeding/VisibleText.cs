using System.Globalization;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// Whether a text shows anything to a reader. A headline of spaces, of zero-width spaces (U+200B), of a byte-order
/// mark or of combining marks alone is as empty on the page as no headline, so each rule that needs text uses this.
/// </summary>
public static class VisibleText
{
    public static bool IsBlank(string? text)
    {
        if (text is null)
        {
            return true;
        }

        foreach (var c in text)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark:
                    continue;
                default:
                    // Letters, digits, punctuation, symbols; also surrogates (emoji) and private-use glyphs.
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The index of the first half of a surrogate pair that stands alone, or -1. Such text is not Unicode: UTF-8 cannot
    /// encode it (PostgreSQL's driver refuses it, and with it a whole import), nor can JSON writers.
    /// </summary>
    public static int UnpairedSurrogateAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
