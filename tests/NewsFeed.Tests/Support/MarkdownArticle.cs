using System.Globalization;
using System.Text;

namespace NewsFeed.Tests.Support;

/// <summary>Builds a Markdown seed file with sensible defaults; set only what a test is about.</summary>
public sealed class MarkdownArticle
{
    private readonly List<string> _extraLines = [];

    public MarkdownArticle(string headline) => Headline = headline;

    public string Headline { get; private set; }
    public string? Slug { get; private set; }
    public string? Dek { get; private set; }
    public DateTime Published { get; private set; } = new(2025, 1, 10, 9, 0, 0, DateTimeKind.Utc);
    public string? Author { get; private set; }
    public string? Section { get; private set; }
    public List<string> Tags { get; } = [];
    public bool? Draft { get; private set; }
    public string Body { get; private set; } = "A paragraph of body text that is long enough to read.";
    public string FileName => (Slug ?? NewsFeed.Web.Seeding.Slug.From(Headline)) + ".md";

    public MarkdownArticle WithSlug(string slug) { Slug = slug; return this; }
    public MarkdownArticle WithDek(string dek) { Dek = dek; return this; }
    public MarkdownArticle PublishedOn(DateTime utc) { Published = utc; return this; }
    public MarkdownArticle By(string authorSlug) { Author = authorSlug; return this; }
    public MarkdownArticle InSection(string section) { Section = section; return this; }
    public MarkdownArticle Tagged(params string[] tags) { Tags.AddRange(tags); return this; }
    public MarkdownArticle AsDraft() { Draft = true; return this; }
    public MarkdownArticle WithBody(string body) { Body = body; return this; }

    /// <summary>Raw front matter lines, for fields the builder has no method for (image:, related:).</summary>
    public MarkdownArticle WithField(string yamlLines) { _extraLines.Add(yamlLines); return this; }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"headline: \"{Headline.Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n");
        if (Slug is not null) text.Append(CultureInfo.InvariantCulture, $"slug: {Slug}\n");
        if (Dek is not null) text.Append(CultureInfo.InvariantCulture, $"dek: \"{Dek}\"\n");
        text.Append(CultureInfo.InvariantCulture, $"published: {Published:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        if (Author is not null) text.Append(CultureInfo.InvariantCulture, $"author: {Author}\n");
        if (Section is not null) text.Append(CultureInfo.InvariantCulture, $"section: {Section}\n");
        if (Tags.Count > 0) text.Append(CultureInfo.InvariantCulture, $"tags: [{string.Join(", ", Tags)}]\n");
        if (Draft is not null) text.Append(CultureInfo.InvariantCulture, $"draft: {(Draft.Value ? "true" : "false")}\n");
        foreach (var line in _extraLines) text.Append(line.TrimEnd('\n')).Append('\n');
        text.Append("---\n");
        text.Append(Body).Append('\n');
        return text.ToString();
    }
}
