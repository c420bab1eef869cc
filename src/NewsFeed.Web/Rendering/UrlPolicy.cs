using System.Text.RegularExpressions;

namespace NewsFeed.Web.Rendering;

/// <summary>
/// The allow-list for every URL that content puts on a page: http, https and mailto links, and site-relative
/// paths. Anything else (javascript:, vbscript:, data:, file:, ...) is refused, however it is spelled.
/// </summary>
public static partial class UrlPolicy
{
    /// <summary>Public URL prefix of files under <c>seeds/images/</c>.</summary>
    public const string MediaPrefix = "/media/";

    /// <summary>Returns the URL to put in an href, or null when it is not allowed.</summary>
    public static string? Link(string? url)
    {
        var clean = Clean(url);
        if (clean is null)
        {
            return null;
        }

        var scheme = SchemeOf(clean);
        return scheme is null or "http" or "https" or "mailto" ? clean : null;
    }

    /// <summary>
    /// Returns the URL to put in an img src, or null when it is not allowed. A path inside the seeds folder's
    /// <c>images/</c> (<c>images/kupiansk.jpg</c>) becomes its public address (<c>/media/kupiansk.jpg</c>).
    /// </summary>
    public static string? Image(string? src)
    {
        var clean = Clean(src);
        if (clean is null)
        {
            return null;
        }

        var scheme = SchemeOf(clean);
        if (scheme is "http" or "https")
        {
            return clean;
        }

        if (scheme is not null || clean.Contains("..", StringComparison.Ordinal) || clean.Contains('\\'))
        {
            return null;
        }

        if (clean.StartsWith("images/", StringComparison.Ordinal))
        {
            return MediaPrefix + clean["images/".Length..];
        }

        return clean.StartsWith('/') && !clean.StartsWith("//", StringComparison.Ordinal) ? clean : null;
    }

    public static bool IsExternal(string url) => SchemeOf(url) is "http" or "https" || url.StartsWith("//", StringComparison.Ordinal);

    private static string? Clean(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        // Browsers drop tabs and newlines inside URLs ("java\tscript:"), so judge the URL as they will read it.
        var clean = ControlOrSpace().Replace(url, "");
        return clean.Length == 0 ? null : clean;
    }

    private static string? SchemeOf(string url)
    {
        var match = Scheme().Match(url);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"[\u0000-\u0020\u007F-\u009F\u00A0\u2028\u2029]")]
    private static partial Regex ControlOrSpace();

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.\-]*):")]
    private static partial Regex Scheme();
}
