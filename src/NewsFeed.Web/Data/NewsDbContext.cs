using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

/// <summary>
/// The read model of seeds/. It holds nothing that is not derived from the seeds folder but
/// <see cref="PublishedBodies"/> (the body text readers last saw, which a rebuild may forget at no cost but one
/// import's comparison), so the store is created with EnsureCreated and rebuilt when the model changes (see
/// <see cref="StoreInitializer"/>); no migrations until that stops being true.
/// </summary>
public sealed class NewsDbContext(DbContextOptions<NewsDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<RelatedLink> RelatedLinks => Set<RelatedLink>();
    public DbSet<FeedItem> FeedItems => Set<FeedItem>();
    public DbSet<Correction> Corrections => Set<Correction>();
    public DbSet<ArticleViewRecord> ArticleViews => Set<ArticleViewRecord>();
    public DbSet<StoreInfo> StoreInfo => Set<StoreInfo>();
    public DbSet<ContentChangeRecord> ContentChanges => Set<ContentChangeRecord>();
    public DbSet<PublishedBody> PublishedBodies => Set<PublishedBody>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
        StoreProvider.ConfigureModel(modelBuilder, Database);
    }

    /// <summary>
    /// Times are UTC on both stores, to the microsecond. Npgsql writes DateTime as timestamptz and refuses any Kind
    /// but Utc; SQLite stores text and reads it back as Unspecified; and PostgreSQL keeps microseconds, where .NET
    /// has ticks of 100 ns. So a time is made UTC (Unspecified means UTC here, as in the seeds) and cut to whole
    /// microseconds when written, and comes back as Utc: the same value, of the same kind, from either store.
    /// </summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToStore(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
    {
        private static DateTime ToStore(DateTime value)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
            return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        }
    }
}
