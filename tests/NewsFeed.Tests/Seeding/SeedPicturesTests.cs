using AngleSharp.Html.Parser;
using CsCheck;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Images;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// The pictures a seed names (a scan of its text, <see cref="SeedPictures.Named"/>) and a body's pictures as the
/// renderer makes them: every way a body writes a local picture is found by the scan, whatever the text around it;
/// any text gives only picture addresses; whatever a picture's alt text and title say, the sanitized body holds one
/// <c>&lt;picture&gt;</c> and no markup of the content's.
/// </summary>
public sealed class SeedPicturesTests
{
    private static readonly ImageFacts Photo = new("0123456789abcdef0123", 3000, 2000, HasAlpha: false, IsVector: false);

    private static readonly string[] BodyElements = ["p", "picture", "source", "img", "em", "strong", "code", "a"];

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_"], 1, 10];

    private static readonly Gen<string> Extension = Gen.OneOf<string>("jpg", "JPG", "jpeg", "png", "webp", "avif", "gif", "svg");

    private static readonly Gen<string> Prose =
        Gen.OneOf(Word, Gen.OneOf<string>(" ", " ", "\n", "\n\n", ". ", ", ", "- ", "> ", "## ", "*", "`x`", "1. ")).Array[0, 30].Select(string.Concat);

    /// <summary>A local picture as a body may write it, with the <c>/media/</c> address it means.</summary>
    private static readonly Gen<(string Markdown, string Url)> LocalPicture =
        Gen.Select(Word.Array[1, 3], Extension, Gen.Int[0, 7], Word).Select(t =>
        {
            var (parts, extension, spelling, alt) = t;
            var path = string.Join('/', parts) + "." + extension;
            var spaced = string.Join(' ', parts) + "." + extension;
            return spelling switch
            {
                0 => ($"![{alt}](images/{path})", "/media/" + path),
                1 => ($"![{alt}](/media/{path})", "/media/" + path),
                2 => ($"![{alt}](images/{path} \"A {alt}\")", "/media/" + path),
                // UrlPolicy drops the spaces of a URL (as it drops every blank and control character).
                3 => ($"![{alt}](<images/{spaced}>)", "/media/" + string.Concat(parts) + "." + extension),
                4 => ($"![{alt}](images/{spaced.Replace(" ", "%20", StringComparison.Ordinal)})", "/media/" + spaced),
                5 => ($"![{alt}][r{alt}]\n\n[r{alt}]: images/{path}", "/media/" + path),
                6 => ($"[![{alt}](images/{path})](https://example.org/{alt})", "/media/" + path),
                _ => ($"^^^\n![{alt}](images/{path})\n^^^ The caption", "/media/" + path),
            };
        });

    [Fact]
    public void Every_local_picture_a_body_writes_is_named_and_made_a_picture()
    {
        var renderer = new MarkdownRenderer();
        Gen.Select(Prose, LocalPicture, Prose).Sample((before, picture, after) =>
        {
            var markdown = $"{before}\n\n{picture.Markdown}\n\n{after}";
            var named = SeedPictures.Named(markdown);
            var asked = new List<string>();

            var html = renderer.Render(markdown, pictures: (_, url, alt, title) =>
            {
                asked.Add(url);
                return new PictureChoice(PictureMarkup.Picture(Photo, alt, PictureMarkup.ArticleColumn, PictureMarkup.Loading.Lazy, "", title: title).ToString()!, null);
            }).Html;

            Assert.Contains(picture.Url, named);
            var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
            Assert.Equal(asked.Count, body.QuerySelectorAll("picture").Length);
            Assert.Contains(asked, url => Uri.UnescapeDataString(url) == picture.Url);
        }, iter: 2_000, time: 10);
    }

    [Fact]
    public void Any_text_names_only_picture_addresses_under_media()
    {
        var fragment = Gen.OneOf(Word, Extension.Select(e => "." + e), Gen.OneOf<string>(
            "images/", "/media/", "../", "/", "\\", "(", ")", "<", ">", "[", "]", "![a](", "\"", "'", " ", "\n", "%", "%2e", "%20", "?", "#",
            "javascript:", "https://example.org/", "é", "…", "\u0000", "\u200b"));
        fragment.Array[0, 40].Select(string.Concat).Sample(text =>
        {
            foreach (var url in SeedPictures.Named(text, text.ToUpperInvariant()))
            {
                Assert.StartsWith(UrlPolicy.MediaPrefix, url, StringComparison.Ordinal);
                Assert.True(ImageProcessor.IsImageName(url), url);
                Assert.DoesNotContain("..", url, StringComparison.Ordinal);
                Assert.DoesNotContain('\\', url);
            }
        }, iter: 20_000, time: 10);
    }

    [Fact]
    public void Whatever_its_alt_text_and_title_a_body_picture_is_one_picture_and_no_markup_of_the_content()
    {
        var renderer = new MarkdownRenderer();
        var hostile = Gen.OneOf(Word, Gen.OneOf<string>(" ", "\"", "'", "<", ">", "&", "&quot;", "<script>alert(1)</script>", "\" onerror=\"alert(1)",
            "javascript:alert(1)", "<img src=x>", "*", "`", "\\", "é"));
        Gen.Select(hostile.Array[1, 8].Select(string.Concat), hostile.Array[0, 8].Select(string.Concat)).Sample((alt, title) =>
        {
            var escapedTitle = title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            var markdown = $"![{alt.Replace("]", "", StringComparison.Ordinal)}](images/photo.jpg{(title.Length == 0 ? "" : $" \"{escapedTitle}\"")})";
            var shownAlt = new List<string>();

            var html = renderer.Render(markdown, pictures: (_, _, a, t) =>
            {
                shownAlt.Add(a);
                return new PictureChoice(PictureMarkup.Picture(Photo, a, PictureMarkup.ArticleColumn, PictureMarkup.Loading.Lazy, "", title: t).ToString()!, null);
            }).Html;

            var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
            if (shownAlt.Count == 0)
            {
                // Not an image to Markdown (the alt text closed it early): then no picture at all, and still no markup.
                Assert.Empty(body.QuerySelectorAll("picture, img"));
                return;
            }

            var img = body.One("picture img");
            Assert.Equal(shownAlt[0], img.GetAttribute("alt"));
            Assert.Equal(("1200", "800"), (img.GetAttribute("width"), img.GetAttribute("height")));
            Assert.All(body.QuerySelectorAll("*"), e => Assert.Contains(e.LocalName, BodyElements));
            Assert.All(body.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => Assert.False(a.Name.StartsWith("on", StringComparison.Ordinal), a.Name));
            Assert.Empty(body.QuerySelectorAll("script, [href^='javascript'], [src^='javascript']"));
        }, iter: 3_000, time: 10);
    }

    [Fact]
    public void Front_matter_paths_count_as_named_and_text_that_is_not_a_path_does_not()
    {
        var named = SeedPictures.Named("---\nimage:\n  src: images/quay.jpg\navatar: \"images/authors/ana.png\"\n---\nSee https://example.org/media/x.jpg, images/notes.txt and lots of images/.\n");

        Assert.Equal(["/media/authors/ana.png", "/media/quay.jpg"], named.Order(StringComparer.Ordinal));
    }
}
