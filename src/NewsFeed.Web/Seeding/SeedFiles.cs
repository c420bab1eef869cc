namespace NewsFeed.Web.Seeding;

public enum SeedKind
{
    /// <summary>Not content: images, hidden files, editors' swap and backup files.</summary>
    None,
    MarkdownArticle,
    TextPage,
    Author,
    Sidecar,

    /// <summary>A file in the seeds folder that no reader understands; reported so it is not silently lost.</summary>
    Unknown,
}

/// <summary>Which files of the seeds folder are seeds, and of which kind.</summary>
public static class SeedFiles
{
    /// <summary>The seed files under <paramref name="root"/> (or only under its subfolder <paramref name="under"/>), relative to root.</summary>
    public static IReadOnlyList<string> List(string root, string? under = null)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return Directory.EnumerateFiles(under is null ? root : Path.Combine(root, under), "*", options)
            .Select(full => Path.GetRelativePath(root, full).Replace('\\', '/'))
            .Where(path => KindOf(path) != SeedKind.None)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Whether <paramref name="items"/> are in path order (ordinal, the order of every report and every "first file wins"
    /// rule). A change import's 10,000 documents are, and sorting them again is milliseconds of a save.
    /// </summary>
    public static bool IsInPathOrder<T>(IReadOnlyList<T> items, Func<T, string> path)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(path(items[i - 1]), path(items[i])) > 0)
            {
                return false;
            }
        }

        return true;
    }

    public static SeedKind KindOf(string relativePath)
    {
        var segments = relativePath.Split('/');
        var name = segments[^1];
        if (segments.Any(s => s.StartsWith('.')) || segments[0] == "images" || IsEditorJunk(name))
        {
            return SeedKind.None;
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        return extension switch
        {
            ".md" when segments.Length == 2 && segments[0] == "authors" => SeedKind.Author,
            ".md" => SeedKind.MarkdownArticle,
            ".txt" => SeedKind.TextPage,
            ".yml" when name.EndsWith(".txt.yml", StringComparison.OrdinalIgnoreCase) => SeedKind.Sidecar,
            _ => SeedKind.Unknown,
        };
    }

    /// <summary>A picture under <c>images/</c> (not a hidden file, not an editor's leftover).</summary>
    public static bool IsPicture(string relativePath)
    {
        var segments = relativePath.Split('/');
        return segments.Length > 1 && segments[0] == "images" && !segments.Any(s => s.StartsWith('.'))
            && !IsEditorJunk(segments[^1]) && Images.ImageProcessor.IsImageName(segments[^1]);
    }

    /// <summary>Swap, backup and lock files that editors leave beside what they edit.</summary>
    public static bool IsEditorJunk(string name) =>
        name.EndsWith('~') || name.StartsWith(".#", StringComparison.Ordinal) || name.StartsWith('#')
        || name is "4913" or ".DS_Store" or "Thumbs.db" or "desktop.ini"
        || Path.GetExtension(name).ToLowerInvariant() is ".swp" or ".swo" or ".swx" or ".tmp" or ".bak" or ".crdownload";
}
