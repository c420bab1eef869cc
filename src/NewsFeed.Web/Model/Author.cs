namespace NewsFeed.Web.Model;

public sealed class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? JobTitle { get; set; }

    /// <summary>Sanitized HTML, rendered at import.</summary>
    public string? BioHtml { get; set; }

    /// <summary>Site-relative or absolute URL of the avatar; null shows initials.</summary>
    public string? AvatarSrc { get; set; }

    /// <summary>The author file under seeds/authors/, or the text page whose author block defined this author.</summary>
    public required string SourcePath { get; set; }

    public List<Article> Articles { get; set; } = [];
}
