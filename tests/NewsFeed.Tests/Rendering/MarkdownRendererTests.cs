using AngleSharp.Html.Parser;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Tests.Rendering;

/// <summary>No script from content may reach a page, whatever the Markdown says.</summary>
public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>");

    [Fact]
    public void Renders_common_markdown()
    {
        var html = _renderer.Render("## A heading\n\nSome *emphasis* and a [link](https://example.org).\n\n> Quote\n\n- one\n- two\n").Html;
        var doc = Parse(html);

        Assert.Equal("a-heading", doc.QuerySelector("h2")!.Id);
        Assert.Equal("emphasis", doc.QuerySelector("p em")!.TextContent);
        Assert.Equal("https://example.org", doc.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(doc.QuerySelector("blockquote p"));
        Assert.Equal(2, doc.QuerySelectorAll("ul li").Length);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void Raw_html_is_shown_as_text_never_as_markup(string markdown)
    {
        var doc = Parse(_renderer.Render(markdown).Html);

        Assert.Empty(doc.QuerySelectorAll("script, iframe, svg, img, a"));
        Assert.Contains(markdown.Trim(), doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "javascript:alert(1)")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)")]
    [InlineData("[click](jav&#x61;script:alert(1))", "javascript:alert(1)")]
    [InlineData("[click](vbscript:msgbox)", "vbscript:msgbox")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("[click][r]\n\n[r]: javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    public void Links_outside_the_allow_list_are_removed_and_reported(string markdown, string url)
    {
        var refused = new List<RefusedUrl>();
        var doc = Parse(_renderer.Render(markdown, refused).Html);

        Assert.Empty(doc.QuerySelectorAll("a"));
        Assert.Equal(url, Assert.Single(refused).Url);
        Assert.Equal(1, refused[0].Line);
    }

    [Fact]
    public void Link_text_survives_when_its_link_is_refused()
    {
        var doc = Parse(_renderer.Render("Read [the *whole* story](javascript:x) here.").Html);

        Assert.Equal("Read the whole story here.", doc.QuerySelector("p")!.TextContent);
        Assert.Equal("whole", doc.QuerySelector("p em")!.TextContent);
    }

    [Theory]
    [InlineData("[a](https://example.org/x)", "https://example.org/x")]
    [InlineData("[a](http://example.org)", "http://example.org")]
    [InlineData("[a](mailto:desk@example.org)", "mailto:desk@example.org")]
    [InlineData("[a](/articles/other)", "/articles/other")]
    [InlineData("[a](#section)", "#section")]
    public void Allowed_links_are_kept(string markdown, string href)
    {
        var doc = Parse(_renderer.Render(markdown).Html);

        Assert.Equal(href, doc.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Images_under_images_folder_are_served_from_media()
    {
        var doc = Parse(_renderer.Render("![A map](images/maps/city.png)").Html);

        var img = doc.QuerySelector("img")!;
        Assert.Equal("/media/maps/city.png", img.GetAttribute("src"));
        Assert.Equal("A map", img.GetAttribute("alt"));
    }

    [Theory]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](images/../../secret.png)")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz4=)")]
    public void Images_outside_the_allow_list_are_removed(string markdown)
    {
        var refused = new List<RefusedUrl>();
        var doc = Parse(_renderer.Render(markdown, refused).Html);

        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.Single(refused);
    }

    [Fact]
    public void Attribute_syntax_is_not_enabled()
    {
        var doc = Parse(_renderer.Render("# Title {onclick=\"alert(1)\" .x}\n\n[a](https://example.org){onmouseover=alert(1)}").Html);

        Assert.All(doc.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(">", 100_000, "nested")]
    [InlineData("[", 50_000, "square brackets")]
    public void Costly_shapes_are_refused_before_markdig_sees_them(string unit, int count, string reason)
    {
        var error = Assert.Throws<MarkdownRenderException>(() => _renderer.Render(string.Concat(Enumerable.Repeat(unit, count)) + " deep"));

        Assert.StartsWith("the Markdown is too costly to render", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_renders()
    {
        var rendered = _renderer.Render(new string('>', MarkdownLimits.MaxNesting) + " deep");

        Assert.Contains("deep", rendered.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_and_first_paragraph_come_from_the_words_not_the_markup()
    {
        var rendered = _renderer.Render("# Head\n\nFirst **bold** para with `code`.\n\nSecond.\n");

        Assert.Equal("First bold para with code.", rendered.FirstParagraph);
        Assert.Equal(7, ReadingTime.CountWords(rendered.PlainText));
    }
}
