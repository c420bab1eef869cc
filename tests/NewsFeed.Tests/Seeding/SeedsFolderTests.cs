using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>The repository's own seeds/ must always import cleanly: a broken seed never reaches main.</summary>
public sealed class SeedsFolderTests
{
    [Fact]
    public async Task Real_seeds_folder_reads_and_validates_with_zero_problems()
    {
        var documents = await TestReader.Create().ReadFolderAsync(RepoPaths.Seeds, TestContext.Current.CancellationToken);
        SeedValidator.Validate(documents);

        Assert.Empty(documents.SelectMany(d => d.Problems).Select(p => p.ToString()));
        Assert.Contains(documents, d => d.Path == RepoPaths.OriginalName && d.Article is not null);
        Assert.True(documents.Count(d => d.Article is not null) >= 3);
        // The sample content has a Ukrainian edition of a story, with its English original.
        var translation = Assert.Single(documents, d => d.Article is { Language: "uk", TranslationOf: not null }).Article!;
        Assert.Contains(documents, d => d.Article is { Language: null, TranslationOf: null } original && original.Slug == translation.TranslationOf);
    }
}
