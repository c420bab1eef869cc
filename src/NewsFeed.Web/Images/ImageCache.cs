using System.Text.Json;

namespace NewsFeed.Web.Images;

/// <summary>
/// The folder the variants are written to, beside the database (or where <c>NewsFeed:Images:CachePath</c> says): a
/// folder per content key. Deleting it is safe; the variants are made again.
/// </summary>
public sealed class ImageCache(string root)
{
    private const string CatalogFile = "catalog.json";

    public string Root { get; } = root;

    public string PathOf(string key, int width, string format) => Path.Combine(Root, key[..2], key, $"{width}.{format}");

    internal Dictionary<string, ImageCatalog.Entry> ReadCatalog()
    {
        try
        {
            var path = Path.Combine(Root, CatalogFile);
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, ImageCatalog.Entry>>(File.ReadAllText(path)) is { } read
                    ? new Dictionary<string, ImageCatalog.Entry>(read, StringComparer.Ordinal)
                    : new(StringComparer.Ordinal)
                : new(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // A damaged list only costs reading the pictures again.
            return new(StringComparer.Ordinal);
        }
    }

    internal void WriteCatalog(Dictionary<string, ImageCatalog.Entry> entries)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, CatalogFile);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(entries));
        File.Move(temporary, path, overwrite: true);
    }
}
