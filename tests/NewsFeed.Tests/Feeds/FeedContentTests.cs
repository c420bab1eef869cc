using System.Net;
using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using CsCheck;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Model;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Site;

namespace NewsFeed.Tests.Feeds;

/// <summary>
/// The feed's copy of an article (<see cref="FeedContent"/>), made by reading the sanitized body once, against the
/// parser-built copy it replaced (<see cref="Reference"/>): over bodies the renderer writes from random Markdown and
/// text pages' paragraphs, both must give the same document.
/// </summary>
public sealed class FeedContentTests
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] Words =
        ["harbour", "the", "Київ", "café", "&", "<b>", "\"quoted\"", "it's", "a\u00A0b", "x > y", "href=\"/quoted\"", "<picture>", "&amp;", "😀", "--!>"];

    private static readonly string[] Urls =
        ["/", "/articles/other", "/media/map.jpg?w=1&h=2", "#fn-1", "#section", "//cdn.example.org/x.js", "https://elsewhere.org/a?b=1&c=2",
            "http://example.com/", "mailto:desk@example.org", "/tags/ваш", "/a%20b", "/a b", "relative/path", "/&amp;", "javascript:alert(1)"];

    private static readonly Gen<string> Word = Gen.Int[0, Words.Length - 1].Select(i => Words[i]);
    private static readonly Gen<string> Url = Gen.Int[0, Urls.Length - 1].Select(i => Urls[i]);
    private static readonly Gen<string> Phrase = Word.Array[1, 4].Select(w => string.Join(' ', w));

    // A piece of Markdown: prose, links and pictures of every kind of URL, footnotes, headings, code, tables, quotes and lists.
    private static readonly Gen<string> Block = Gen.OneOf(
        Phrase,
        Gen.Select(Phrase, Url).Select((t, u) => $"See [{t}]({u}) now."),
        Gen.Select(Phrase, Url).Select((t, u) => $"![{t}]({u} \"{t}\")"),
        Gen.Select(Phrase, Gen.Int[0, 9]).Select((t, n) => $"![{t}](/media/photo-{n}.jpg)"),
        Url.Select(u => $"<{(u.StartsWith("http", StringComparison.Ordinal) ? u : "https://auto.example.org" + u)}>"),
        Phrase.Select(t => $"{t}[^1]\n\n[^1]: A note with [a link](/articles/noted)."),
        Phrase.Select(t => $"## {t}"),
        Phrase.Select(t => $"`<a href=\"/x\">{t}</a>`"),
        Phrase.Select(t => $"```\n<picture><img src=\"/x.jpg\"></picture> {t}\n```"),
        Gen.Select(Phrase, Url).Select((t, u) => $"| a | b |\n|:--|--:|\n| {t} | [x]({u}) |"),
        Phrase.Select(t => $"> {t}"),
        Gen.Select(Phrase, Phrase).Select((a, b) => $"- {a}\n- **{b}**"));

    private static readonly Gen<string> Markdown = Block.Array[1, 8].Select(b => string.Join("\n\n", b));

    // A local picture as the import writes it (Images/PictureMarkup): sources with srcsets, an image with its size and hints.
    private static PictureChoice? Picture(string written, string url, string alt, string? title) =>
        url.StartsWith("/media/", StringComparison.Ordinal)
            ? new PictureChoice(
                "<picture><source type=\"image/avif\" srcset=\"/media/v/p-400.avif 400w, /media/v/p-800.avif 800w\" sizes=\"(min-width: 44rem) 42rem, 100vw\">"
                + $"<img src=\"/media/v/p-1200.jpg\" srcset=\"/media/v/p-400.jpg 400w, /media/v/p-1200.jpg 1200w\" sizes=\"100vw\" width=\"1200\" height=\"800\" alt=\"{HtmlEncoder.Default.Encode(alt)}\""
                + (title is null ? "" : $" title=\"{HtmlEncoder.Default.Encode(title)}\"") + " loading=\"lazy\" decoding=\"async\"></picture>",
                null)
            : null;

    private static readonly Gen<string> TextPage = Phrase.Array[1, 4].Select(p => string.Join('\n', p.Select(t => $"<p>{WebUtility.HtmlEncode(t)}</p>")));

    private static readonly Gen<HeroImage?> Hero = Gen.OneOf(
        Gen.Const((HeroImage?)null),
        Gen.Select(Gen.OneOf<string>("/media/hero.jpg", "https://pictures.example.org/a&b.jpg", "/media/a b.jpg"), Phrase, Phrase, Phrase, Gen.Bool.Array[3, 3])
            .Select((src, alt, caption, credit, has) => (HeroImage?)new HeroImage
            {
                Src = src,
                Alt = has[0] ? alt : null,
                Caption = has[1] ? caption : null,
                Credit = has[2] ? credit : null,
            }));

    private static readonly Gen<FeedPicture?> HeroPicture = Gen.OneOf(
        Gen.Const((FeedPicture?)null), Gen.Const((FeedPicture?)new FeedPicture("/media/v/hero-1200.jpg", "jpeg", 1200, 675)));

    private static readonly Gen<SiteOptions> Site = Gen.OneOf<string>("http://localhost:5080/", "https://news.example.org/edition/", "https://news.example.org")
        .Select(b => new SiteOptions { BaseUrl = b });

    [Fact]
    public void A_rendered_body_reads_as_the_parser_built_copy_reads()
    {
        var renderer = new MarkdownRenderer();
        Gen.Select(Markdown, Hero, HeroPicture, Site).Sample((markdown, hero, picture, site) =>
        {
            var html = renderer.Render(markdown, pictures: Picture).Html;
            Assert.Equal(Normalized(Reference(site, "a-slug", html, hero, picture)), Normalized(new FeedContent(site).Html("a-slug", html, hero, picture)));
        }, iter: 3_000);
    }

    [Fact]
    public void A_text_page_reads_as_the_parser_built_copy_reads()
    {
        Gen.Select(TextPage, Hero, Site).Sample((html, hero, site) =>
            Assert.Equal(Normalized(Reference(site, "a-page", html, hero, null)), Normalized(new FeedContent(site).Html("a-page", html, hero))),
            iter: 1_000);
    }

    [Fact]
    public void A_picture_is_its_large_image_at_an_absolute_address_and_code_stays_text()
    {
        var site = new SiteOptions { BaseUrl = "https://news.example.org/" };
        var html = new MarkdownRenderer().Render("![The map](/media/map.jpg)\n\n`<a href=\"/x\">` and [a link](/articles/b?x=1&y=2) and [a note](#fn-1)", pictures: Picture).Html;

        var body = Parser.ParseDocument(new FeedContent(site).Html("a-slug", html, new HeroImage { Src = "/media/hero.jpg", Caption = "Boats & <nets>", Credit = "A. Photographer" })).Body!;

        Assert.Empty(body.QuerySelectorAll("picture, source"));
        var images = body.QuerySelectorAll("img");
        Assert.Equal(["https://news.example.org/media/hero.jpg", "https://news.example.org/media/v/p-1200.jpg"], images.Select(i => i.GetAttribute("src")));
        Assert.All(images, i => Assert.Null(i.GetAttribute("srcset")));
        Assert.Equal("1200", images[1].GetAttribute("width"));
        Assert.Equal("The map", images[1].GetAttribute("alt"));
        Assert.Equal("Boats & <nets> (A. Photographer)", body.QuerySelector("figcaption")!.TextContent);
        Assert.Equal(
            ["https://news.example.org/articles/b?x=1&y=2", "https://news.example.org/articles/a-slug#fn-1"],
            body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("<a href=\"/x\">", body.QuerySelector("code")!.TextContent);
    }

    private static string Normalized(string html)
    {
        var document = Parser.ParseDocument("");
        document.Body!.InnerHtml = html;
        return document.Body.InnerHtml;
    }

    /// <summary>The implementation <see cref="FeedContent"/> replaced, kept as its specification: the body parsed, rewritten as a tree, serialized.</summary>
    private static string Reference(SiteOptions site, string slug, string html, HeroImage? image, FeedPicture? picture)
    {
        var articleUrl = site.Absolute(PagePaths.Article(slug));
        var document = Parser.ParseDocument("");
        var body = document.Body!;
        body.InnerHtml = html;
        foreach (var shown in body.QuerySelectorAll("picture").ToList())
        {
            if (shown.QuerySelector("img") is { } img)
            {
                foreach (var attribute in (string[])["srcset", "sizes", "loading", "decoding"])
                {
                    img.RemoveAttribute(attribute);
                }

                shown.Replace(img);
            }
            else
            {
                shown.Remove();
            }
        }

        foreach (var element in body.QuerySelectorAll("[href], [src]"))
        {
            foreach (var attribute in (string[])["href", "src"])
            {
                if (element.GetAttribute(attribute) is { } url
                    && (url.StartsWith('#') ? articleUrl + url : url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? site.Absolute(url) : null) is { } absolute)
                {
                    element.SetAttribute(attribute, absolute);
                }
            }
        }

        if (image?.Src is { } src)
        {
            var figure = document.CreateElement("figure");
            var img = document.CreateElement("img");
            img.SetAttribute("src", site.Absolute(picture?.Url ?? src));
            if (picture is not null)
            {
                img.SetAttribute("width", picture.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                img.SetAttribute("height", picture.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            img.SetAttribute("alt", image.Alt ?? "");
            figure.AppendChild(img);
            var caption = string.Join(" ", new[] { image.Caption, image.Credit is null ? null : $"({image.Credit})" }.OfType<string>());
            if (caption.Length > 0)
            {
                var figcaption = document.CreateElement("figcaption");
                figcaption.TextContent = caption;
                figure.AppendChild(figcaption);
            }

            body.Prepend(figure);
        }

        return body.InnerHtml;
    }
}
