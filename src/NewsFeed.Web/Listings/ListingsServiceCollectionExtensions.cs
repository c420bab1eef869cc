namespace NewsFeed.Web.Listings;

public static class ListingsServiceCollectionExtensions
{
    /// <summary>Registers the instance's in-memory <see cref="SiteListings"/>, kept in step by content changes.</summary>
    public static WebApplicationBuilder AddListings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiteListings>();
        return builder;
    }
}
