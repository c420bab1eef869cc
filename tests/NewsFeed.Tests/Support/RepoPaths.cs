namespace NewsFeed.Tests.Support;

/// <summary>Paths inside the repository the tests run from (found by walking up to NewsFeed.sln).</summary>
public static class RepoPaths
{
    public const string OriginalName = "000_99d6145f34f68edb.txt";

    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string Original => Path.Combine(Seeds, OriginalName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsFeed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NewsFeed.sln not found above " + AppContext.BaseDirectory);
    }
}
