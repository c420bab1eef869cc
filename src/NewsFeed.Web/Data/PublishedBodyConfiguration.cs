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
    }
}
