using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

internal sealed class PublishedBodyConfiguration : IEntityTypeConfiguration<PublishedBody>
{
    public void Configure(EntityTypeBuilder<PublishedBody> builder)
    {
        builder.ToTable("PublishedBodies");
        builder.HasKey(b => b.Slug);
        builder.Property(b => b.Slug).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(b => b.Corrections).HasMaxLength(17 * SeedLimits.CorrectionCount);
        // Every import asks for the pending changes; without this, each asked by scanning every row's text (some 10 ms
        // at 10,000 articles, twice in a save). Few rows are pending, so the partial index is small. The quoted name
        // reads the same in SQLite and PostgreSQL.
        builder.HasIndex(b => b.Slug).HasDatabaseName("IX_PublishedBodies_Pending").HasFilter("\"PendingText\" IS NOT NULL");
    }
}
