using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsFeed.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NewsDbContext"/> on the SQLite connection string <c>ConnectionStrings:NewsFeed</c>.
    /// A relative <c>Data Source</c> resolves against the content root, and its folder is created.
    /// </summary>
    public static WebApplicationBuilder AddNewsStore(this WebApplicationBuilder builder)
    {
        // Read at first use, not here, so a test host's configuration overrides reach it.
        builder.Services.AddDbContextPool<NewsDbContext>((services, options) =>
        {
            var configured = services.GetRequiredService<IConfiguration>().GetConnectionString("NewsFeed")
                ?? throw new InvalidOperationException("ConnectionStrings:NewsFeed is not set; it names the SQLite file, e.g. \"Data Source=App_Data/newsfeed.db\".");
            var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            options.UseSqlite(ResolveDataSource(configured, contentRoot))
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                // An image with no src, alt, caption or credit is no image: reading it back as null is what we want.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.OptionalDependentWithoutIdentifyingPropertyWarning));
        });
        return builder;
    }

    internal static string ResolveDataSource(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        var source = csb.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)
            || csb.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var full = Path.GetFullPath(source, contentRoot);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        csb.DataSource = full;
        return csb.ToString();
    }
}
