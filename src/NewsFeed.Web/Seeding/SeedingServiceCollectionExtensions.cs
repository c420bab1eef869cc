using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

public static class SeedingServiceCollectionExtensions
{
    /// <summary>The import from <c>NewsFeed:SeedsPath</c> into the store, run once at startup.</summary>
    public static WebApplicationBuilder AddSeeding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeedOptions>()
            .BindConfiguration(SeedOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<SeedReader>();
        builder.Services.AddSingleton<SeedImportStatus>();
        builder.Services.AddSingleton<SeedImport>();
        builder.Services.AddSingleton<StartupImport>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupImport>());
        return builder;
    }
}
