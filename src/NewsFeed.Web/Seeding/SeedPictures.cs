using System.Security.Cryptography;
using System.Text;
using NewsFeed.Web.Images;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// The pictures a seed names, found in its text by a linear scan (no parser, so a file that will not parse still
/// says what it names): every <c>images/…</c> or <c>/media/…</c> path with a picture's extension, in front matter
/// (<c>image.src</c>, <c>avatar</c>) and body alike. A superset of what the seed shows (a path in a code block counts),
/// which is the safe side for each use: a picture named is never called unused, a document naming a changed picture is
/// read again in preview, and a Markdown article's hash takes the named pictures' content keys (<see cref="Stamp"/>).
/// </summary>
internal static class SeedPictures
{
    private static readonly string[] Markers = ["images/", UrlPolicy.MediaPrefix];

    /// <summary>The <c>/media/</c> addresses (unescaped, as <see cref="ImageCatalog"/> keys them) the texts name.</summary>
    public static IReadOnlySet<string> Named(params string?[] texts)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts.OfType<string>())
        {
            foreach (var marker in Markers)
            {
                for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
                {
                    if (at > 0 && !Starts(text[at - 1]))
                    {
                        continue;
                    }

                    // <images/a photo.jpg>: a Markdown destination in angle brackets may hold spaces.
                    var angled = at > 0 && text[at - 1] == '<';
                    var end = at;
                    while (end < text.Length && !(angled ? text[end] is '>' or '\n' : Ends(text[end])))
                    {
                        end++;
                    }

                    var path = text[at..end].TrimEnd('.', ',', ';', ':', '!', '?');
                    // As the renderer will read it (UrlPolicy), then unescaped as the catalog keys it; an escaped ".." is no picture.
                    if (ImageProcessor.IsImageName(path) && UrlPolicy.Image(path) is { } url && url.StartsWith(UrlPolicy.MediaPrefix, StringComparison.Ordinal)
                        && Key(url) is var key && !key.Contains("..", StringComparison.Ordinal) && !key.Contains('\\', StringComparison.Ordinal))
                    {
                        named.Add(key);
                    }
                }
            }
        }

        return named;
    }

    /// <summary>
    /// A Markdown article's hash with the content keys of the pictures it names: its body's pictures are HTML made at
    /// import (their variants' URLs carry the key), so a replaced picture makes the article new to the import, which
    /// renders it again, also on a restart that skips rendering unchanged files. The hash of a file naming no picture,
    /// or read without a catalog, stays the file's own.
    /// </summary>
    public static string Stamp(string hash, SeedKind kind, IReadOnlySet<string> named, ImageCatalog? images)
    {
        if (kind != SeedKind.MarkdownArticle || named.Count == 0 || images is null || hash.Length == 0)
        {
            return hash;
        }

        var text = new StringBuilder(hash);
        foreach (var url in named.Order(StringComparer.Ordinal))
        {
            var facts = images.Find(url);
            text.Append('\n').Append(url).Append('=').Append(facts?.Key).Append(facts?.IsUsable == true ? "" : "!");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// How a body shows its local pictures: one the catalog can show is the same <c>&lt;picture&gt;</c> as a hero (sized
    /// variants, real width and height, loaded lazily); one it cannot show is its alt text, with a warning. Only a picture
    /// <see cref="Named"/> found is made so (its key is in the hash); any other stays Markdown's <c>&lt;img&gt;</c>.
    /// Null without a catalog (a file read alone).
    /// </summary>
    public static ChoosePicture? ForBody(SeedContext context)
    {
        if (context.Images is not { } images)
        {
            return null;
        }

        return (written, url, alt, title) =>
        {
            if (!context.Pictures.Contains(Key(url)))
            {
                return null;
            }

            var shown = written.Length > 60 ? written[..60] + "…" : written;
            var facts = images.Find(url);
            if (facts is { IsUsable: true })
            {
                var picture = PictureMarkup.Picture(facts, alt, PictureMarkup.ArticleColumn, PictureMarkup.Loading.Lazy, "", title: title);
                return new PictureChoice(picture.ToString()!, facts.Note is { } note ? $"picture '{shown}' {note}" : null);
            }

            var problem = facts?.Problem ?? (context.MediaExists(url) ? "could not be read as a picture" : "does not exist in the seeds folder");
            return new PictureChoice(PictureMarkup.Missing(alt).ToString()!, $"picture '{shown}' {problem}; its alt text is shown instead");
        };
    }

    /// <summary>The seed path of a picture's <c>/media/</c> address: <c>/media/maps/city.png</c> is <c>images/maps/city.png</c>.</summary>
    public static string PathOf(string url) => "images/" + url[UrlPolicy.MediaPrefix.Length..];

    private static string Key(string url) => url.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(url) : url;

    private static bool Starts(char before) => char.IsWhiteSpace(before) || before is '(' or '<' or '"' or '\'' or '[' or ':' or '=' or ',';

    private static bool Ends(char c) => char.IsWhiteSpace(c) || c is ')' or '>' or '"' or '\'' or ']' or '<' or '|' or '`';
}
