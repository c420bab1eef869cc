namespace NewsFeed.Web.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Registers the instance's in-memory <see cref="SearchIndex"/>, kept in step by content changes.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchIndex>();
        return builder;
    }
}
