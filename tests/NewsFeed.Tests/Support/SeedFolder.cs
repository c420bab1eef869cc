using System.Text;

namespace NewsFeed.Tests.Support;

/// <summary>A seeds folder made by a test in a temporary directory, deleted with it (and so are the stores of its apps).</summary>
public sealed class SeedFolder : IDisposable
{
    private readonly HashSet<string> _stores = [];

    private SeedFolder(string root) => Root = root;

    public string Root { get; }

    public static SeedFolder Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "newsfeed-tests", Guid.NewGuid().ToString("N"), "seeds");
        Directory.CreateDirectory(root);
        return new SeedFolder(root);
    }

    /// <summary>The original captured page and its sidecar, copied from the repository's seeds/.</summary>
    public SeedFolder WithOriginal()
    {
        File.Copy(RepoPaths.Original, Path.Combine(Root, RepoPaths.OriginalName));
        File.Copy(RepoPaths.Original + ".yml", Path.Combine(Root, RepoPaths.OriginalName + ".yml"));
        return this;
    }

    public SeedFolder With(MarkdownArticle article) => Write(article.FileName, article.ToString());

    public SeedFolder Write(string relativePath, string content) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(content));

    public SeedFolder WriteBytes(string relativePath, byte[] content)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>
    /// A store an app over this folder uses: a SQLite file goes with the temporary directory anyway; a PostgreSQL
    /// database is dropped here, after the apps (a test that restarts its app keeps the store in between).
    /// </summary>
    public void DeleteWithFolder(string databasePath)
    {
        lock (_stores)
        {
            _stores.Add(databasePath);
        }
    }

    public void Dispose()
    {
        if (TestStore.IsPostgres)
        {
            foreach (var store in _stores)
            {
                TestStore.Delete(store);
            }
        }

        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform; the temp folder is cleaned by the OS.
        }
    }
}
