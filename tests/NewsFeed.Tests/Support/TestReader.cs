using Microsoft.Extensions.Options;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Support;

/// <summary>The app's seed reader, outside the app, for unit tests of single files.</summary>
public static class TestReader
{
    public static readonly MarkdownRenderer Renderer = new();

    public static SeedReader Create(SeedOptions? options = null) => new(Renderer, Options.Create(options ?? new SeedOptions()));

    public static async Task<SeedDocument> ReadAsync(SeedFolder seeds, string relativePath, SeedOptions? options = null) =>
        await Create(options).ReadFileAsync(seeds.Root, relativePath, TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"{relativePath} is not a seed");

    public static async Task<SeedDocument> ReadMarkdownAsync(string text)
    {
        using var seeds = SeedFolder.Create().Write("article.md", text);
        return await ReadAsync(seeds, "article.md");
    }
}
