using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

/// <summary>
/// The read model of seeds/. It holds nothing that is not derived from the seeds folder, so the store is
/// created with EnsureCreated and rebuilt when the model changes (see <see cref="StoreInitializer"/>);
/// no migrations until that stops being true.
/// </summary>
public sealed class NewsDbContext(DbContextOptions<NewsDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<RelatedLink> RelatedLinks => Set<RelatedLink>();
    public DbSet<StoreInfo> StoreInfo => Set<StoreInfo>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
}
