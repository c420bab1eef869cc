using Microsoft.Extensions.Options;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Images;

public static class ImagesServiceCollectionExtensions
{
    /// <summary>Registers the picture catalog, the variant cache and the encoder that fills it.</summary>
    public static WebApplicationBuilder AddImages(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImageOptions>().BindConfiguration(ImageOptions.Section);
        builder.Services.AddSingleton(services =>
        {
            var configured = services.GetRequiredService<IOptions<ImageOptions>>().Value.CachePath;
            var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new ImageCache(configured is { Length: > 0 } path ? Path.GetFullPath(path, contentRoot) : DefaultRoot(services, contentRoot));
        });
        builder.Services.AddSingleton<ImageCatalog>();
        builder.Services.AddSingleton<ImageVariants>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ImageVariants>());
        return builder;
    }

    /// <summary>Beside the SQLite file (deleting both is a clean start); under App_Data for PostgreSQL.</summary>
    private static string DefaultRoot(IServiceProvider services, string contentRoot)
    {
        var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        var connection = services.GetRequiredService<IConfiguration>().GetConnectionString("NewsFeed");
        if (provider == DatabaseProvider.Sqlite && connection is not null && StoreProvider.SqliteFile(connection, contentRoot) is { } file)
        {
            return Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-images");
        }

        return Path.Combine(contentRoot, "App_Data", "images");
    }
}
