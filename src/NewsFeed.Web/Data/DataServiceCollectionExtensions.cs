using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace NewsFeed.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NewsDbContext"/> on <c>NewsFeed:Database:Provider</c> (SQLite or PostgreSQL) and the
    /// connection string <c>ConnectionStrings:NewsFeed</c>. Provider differences live in <see cref="StoreProvider"/>.
    /// </summary>
    public static WebApplicationBuilder AddNewsStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();

        // Read at first use, not here, so a test host's configuration overrides reach it.
        builder.Services.AddDbContextPool<NewsDbContext>((services, options) =>
        {
            var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("NewsFeed")
                ?? throw new InvalidOperationException(provider == DatabaseProvider.Postgres
                    ? "ConnectionStrings:NewsFeed is not set; it names the PostgreSQL database, e.g. \"Host=localhost;Database=newsfeed;Username=newsfeed;Password=...\"."
                    : "ConnectionStrings:NewsFeed is not set; it names the SQLite file, e.g. \"Data Source=App_Data/newsfeed.db\".");
            var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            StoreProvider.Use(options, provider, configured, contentRoot);
            options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                // An image with no src, alt, caption or credit is no image: reading it back as null is what we want.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.OptionalDependentWithoutIdentifyingPropertyWarning));
        });
        // The article page's one read, kept prepared on SQLite (Pages/Articles/ArticleRead).
        builder.Services.AddSingleton<Pages.Articles.ArticleRead>();
        return builder;
    }
}
