using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NewsFeed.Web.Rendering;

/// <summary>
/// A rendered article body: sanitized HTML, the text that counts as words, the first paragraph for teasers, and what
/// was said of its local pictures (<see cref="ChoosePicture"/>).
/// </summary>
public sealed record RenderedBody(string Html, string PlainText, string? FirstParagraph, IReadOnlyList<PictureWarning>? PictureWarnings = null);

/// <summary>A URL the renderer refused, with its 1-based position in the Markdown text.</summary>
public sealed record RefusedUrl(int Line, int Column, string Url);

/// <summary>
/// How a local picture of a body is shown: <paramref name="url"/> is its <c>/media/</c> address, <paramref name="written"/>
/// what the Markdown says. Returns the HTML to put in its place, with a warning for the editor when it cannot be shown
/// as it is, or null to leave it to Markdown. The import decides (it knows the pictures); the renderer only asks.
/// </summary>
public delegate PictureChoice? ChoosePicture(string written, string url, string alt, string? title);

/// <summary>The HTML a local picture becomes, and what to tell the editor about it (null: nothing).</summary>
public sealed record PictureChoice(string Html, string? Warning);

/// <summary>A warning about a body's picture, at its 1-based position in the Markdown text.</summary>
public sealed record PictureWarning(int Line, int Column, string Message);

/// <summary>
/// Renders article and bio Markdown once, at import. Raw HTML is escaped (DisableHtml), Markdig's
/// attribute syntax is not enabled, every link and image URL passes <see cref="UrlPolicy"/>, and the output
/// still goes through an HTML sanitizer, so a gap in one layer is caught by the other.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseFootnotes()
        .UseFigures()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>
    /// Renders <paramref name="markdown"/>; refused URLs are dropped (the text stays) and listed. Each picture under
    /// <c>/media/</c> is shown as <paramref name="pictures"/> says (the import's <c>&lt;picture&gt;</c> of sized variants).
    /// </summary>
    /// <exception cref="MarkdownRenderException">Markdig gave up on the input (e.g. nesting too deep).</exception>
    public RenderedBody Render(string markdown, List<RefusedUrl>? refused = null, ChoosePicture? pictures = null)
    {
        if (MarkdownLimits.Check(markdown) is { } tooCostly)
        {
            throw new MarkdownRenderException($"the Markdown is too costly to render: {tooCostly}", null);
        }

        string html, plainText;
        string? firstParagraph;
        List<PictureWarning>? warnings = null;
        try
        {
            var document = Markdown.Parse(markdown, _pipeline);
            var images = ApplyUrlPolicy(document, refused);
            // The words are read before a picture becomes HTML: its alt text counts, as it did as an <img>.
            plainText = PlainText(document);
            firstParagraph = FirstParagraph(document);
            if (pictures is not null)
            {
                warnings = ShowPictures(images, pictures);
            }

            using var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer);
            _pipeline.Setup(renderer);
            renderer.Render(document);
            html = _sanitizer.Sanitize(writer.ToString()).Trim();
        }
        catch (Exception e) when (e is InsufficientExecutionStackException
            || LibraryFailure.IsFrom(e, typeof(Markdown).Assembly, typeof(HtmlSanitizer).Assembly, typeof(AngleSharp.IConfiguration).Assembly))
        {
            // Whatever Markdig or the sanitizer throws on this text (too deep, an index it did not expect) is the file's problem.
            throw new MarkdownRenderException($"the Markdown could not be rendered: {e.Message}", e);
        }

        return new RenderedBody(html, plainText, firstParagraph, warnings);
    }

    /// <summary>Drops what the allow-list refuses; returns the images it kept, each with its URL as written.</summary>
    private static List<(LinkInline Image, string Written)> ApplyUrlPolicy(MarkdownDocument document, List<RefusedUrl>? refused)
    {
        var images = new List<(LinkInline, string)>();
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var allowed = link.IsImage ? UrlPolicy.Image(link.Url) : UrlPolicy.Link(link.Url);
            if (allowed is not null)
            {
                if (link.IsImage)
                {
                    images.Add((link, link.Url ?? ""));
                }

                link.Url = allowed;
                continue;
            }

            refused?.Add(new RefusedUrl(link.Line + 1, link.Column + 1, link.Url ?? ""));
            Unwrap(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (autolink.IsEmail || UrlPolicy.Link(autolink.Url) is not null)
            {
                continue;
            }

            refused?.Add(new RefusedUrl(autolink.Line + 1, autolink.Column + 1, autolink.Url));
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }

        return images;
    }

    // A local picture becomes the HTML the import chose for it (sanitized below with the rest).
    private static List<PictureWarning> ShowPictures(List<(LinkInline Image, string Written)> images, ChoosePicture choose)
    {
        var warnings = new List<PictureWarning>();
        foreach (var (image, written) in images)
        {
            if (image.Url is not { } url || !url.StartsWith(UrlPolicy.MediaPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var alt = new StringBuilder();
            AppendInline(alt, image);
            if (choose(written, url, alt.ToString(), image.Title) is not { } choice)
            {
                continue;
            }

            if (choice.Warning is { } warning)
            {
                warnings.Add(new PictureWarning(image.Line + 1, image.Column + 1, warning));
            }

            image.InsertBefore(new HtmlInline(choice.Html));
            image.Remove();
        }

        return warnings;
    }

    // A refused link keeps its text; a refused image keeps nothing but its alt text.
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    private static string PlainText(MarkdownDocument document)
    {
        var text = new StringBuilder();
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is { } inline)
            {
                AppendInline(text, inline);
            }
            else if (leaf is CodeBlock code)
            {
                text.Append(code.Lines.ToString());
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string? FirstParagraph(MarkdownDocument document)
    {
        var paragraph = document.Descendants<ParagraphBlock>().FirstOrDefault(p => p.Inline?.FirstChild is not null);
        if (paragraph?.Inline is null)
        {
            return null;
        }

        var text = new StringBuilder();
        AppendInline(text, paragraph.Inline);
        return text.ToString().Trim();
    }

    private static void AppendInline(StringBuilder text, ContainerInline container)
    {
        foreach (var inline in container.Descendants())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedCssProperties.Clear();
        // Markdig aligns table cells with style="text-align: ..."; keep alignment with that property only.
        sanitizer.AllowedAttributes.Add("style");
        sanitizer.AllowedCssProperties.Add("text-align");
        sanitizer.AllowedTags.UnionWith(["figure", "figcaption"]);
        // A local picture's <picture> (Images/PictureMarkup): its sources, their widths and how it loads. The sanitizer
        // checks every URL of a srcset as it checks a src. Content cannot write these (raw HTML is escaped, attribute
        // syntax is off); only the import's own markup does, and it is checked here all the same.
        sanitizer.AllowedTags.UnionWith(["picture", "source"]);
        sanitizer.AllowedAttributes.UnionWith(["srcset", "sizes", "loading", "decoding"]);
        // Classes only for a picture that cannot be shown (PictureMarkup.Missing); Markdig's own (footnotes) go as before.
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedClasses.UnionWith(Images.PictureMarkup.BodyClasses);
        sanitizer.AllowedTags.ExceptWith(["form", "input", "button", "textarea", "select", "option"]);
        return sanitizer;
    }
}

public sealed class MarkdownRenderException(string message, Exception? inner) : Exception(message, inner);
