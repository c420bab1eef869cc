using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Slug).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(a => a.Name).HasMaxLength(SeedLimits.NameLength);
        builder.Property(a => a.JobTitle).HasMaxLength(SeedLimits.NameLength);
        builder.Property(a => a.AvatarSrc).HasMaxLength(SeedLimits.UrlLength);
        builder.Property(a => a.SourcePath).HasMaxLength(SeedLimits.PathLength);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(s => s.Name).HasMaxLength(SeedLimits.NameLength);
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Slug).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(t => t.Name).HasMaxLength(SeedLimits.NameLength);
    }
}

internal sealed class StoreInfoConfiguration : IEntityTypeConfiguration<StoreInfo>
{
    public void Configure(EntityTypeBuilder<StoreInfo> builder)
    {
        builder.HasKey(i => i.Key);
        builder.Property(i => i.Key).HasMaxLength(64);
    }
}
