using System.ComponentModel.DataAnnotations;

namespace NewsFeed.Web.Seeding;

/// <summary>Where content comes from. Bound from the <c>NewsFeed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string Section = "NewsFeed";

    /// <summary>
    /// <c>NewsFeed:SeedsPath</c>: the seeds folder, the source of truth for all content. A relative path
    /// resolves against the content root; the default is the repository's <c>seeds/</c>.
    /// </summary>
    [Required]
    public string SeedsPath { get; set; } = "../../seeds";

    /// <summary><c>NewsFeed:MaxSeedFileBytes</c>: larger seed files are reported and skipped. Default 2 MiB.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxSeedFileBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// <c>NewsFeed:WatchSeeds</c>: outside preview too, import the seeds folder again when a file in it changes
    /// (a git checkout pulled in place, a shared volume). Off by default: outside preview, content is imported
    /// at startup. With several instances on one store, each watching instance takes its turn under the store's
    /// lock, and only the first finds the change; the others see it through the store (StoreChanges).
    /// </summary>
    public bool WatchSeeds { get; set; }

    /// <summary>
    /// <c>NewsFeed:ImportRun</c>: a full import reads and writes this many files at a time, and holds no more
    /// than two runs of rendered bodies (outside preview). Default 200 (at 10,000 articles: peak RSS 383-396 MB, against
    /// 521 MB at 500 and 371 MB at 100, and no slower); 0 reads the whole folder before writing.
    /// </summary>
    [Range(0, 100_000)]
    public int ImportRun { get; set; } = 200;

    public string ResolveSeedsPath(string contentRoot) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(SeedsPath, contentRoot));
}
