using System.ComponentModel.DataAnnotations;

namespace NewsFeed.Web.Site;

/// <summary>The site's identity. Bound from <c>NewsFeed:Site</c>.</summary>
public sealed class SiteOptions
{
    public const string Section = "NewsFeed:Site";

    /// <summary><c>NewsFeed:Site:Name</c>: shown in the header, titles, feeds and metadata.</summary>
    [Required]
    [MaxLength(80)]
    public string Name { get; set; } = "News Feed";

    /// <summary><c>NewsFeed:Site:Description</c>: the home page's meta description and the feeds' description.</summary>
    [MaxLength(300)]
    public string Description { get; set; } = "The latest news.";

    /// <summary>
    /// <c>NewsFeed:Site:BaseUrl</c>: the public address, e.g. <c>https://news.example.org/</c>. Canonical URLs,
    /// feeds and sitemaps are built from it, never from the request's Host header.
    /// </summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "http://localhost:5080/";

    /// <summary><c>NewsFeed:Site:Language</c>: BCP 47 language of the content, e.g. <c>en</c> or <c>en-GB</c>.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    public string Language { get; set; } = "en";

    /// <summary><c>NewsFeed:Site:Favicon</c>: the icon's URL, site-relative (a file under wwwroot) or absolute.</summary>
    [Required]
    public string Favicon { get; set; } = "/favicon.svg";

    /// <summary><c>NewsFeed:Site:Logo</c>: the publisher logo named in article metadata (schema.org), site-relative or absolute.</summary>
    [Required]
    public string Logo { get; set; } = "/logo.png";

    /// <summary>An absolute URL on this site for a site-relative path (or an absolute URL, unchanged).</summary>
    public string Absolute(string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.ToString();
        }

        // "./": a path whose first segment holds a colon ("/z:a", a link in an article's body) is a path on this site,
        // not a URI of scheme "z" (which Uri refused with an exception that stopped the import).
        var root = BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/";
        var path = pathOrUrl.TrimStart('/');
        return Uri.TryCreate(new Uri(root), "./" + path, out var resolved) ? resolved.ToString() : root + path;
    }
}
