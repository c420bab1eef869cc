using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.HasIndex(a => a.SourcePath).IsUnique();
        // The feeds and sitemaps: public articles, newest first, ties by Id. PublishedUtc descending makes the index
        // order (with the rowid SQLite appends) exactly ArticleQueries.Newest, so a feed is an index range, never a
        // sort. (Listing pages read no rows: Listings/SiteListings holds them in memory.)
        builder.HasIndex(a => new { a.IsDraft, a.PublishedUtc }).IsDescending(false, true);
        builder.HasIndex(a => new { a.AuthorId, a.IsDraft, a.PublishedUtc }).IsDescending(false, false, true);
        builder.HasIndex(a => new { a.SectionId, a.IsDraft, a.PublishedUtc }).IsDescending(false, false, true);
        // An edition's front page and feeds (/uk/feed.xml), and an article's translations.
        builder.HasIndex(a => new { a.Language, a.IsDraft, a.PublishedUtc }).IsDescending(false, false, true);
        builder.HasIndex(a => a.TranslationOf);
        // Search: whether each match is public, read from this small index instead of the article's row (one
        // page of a large table each, which a common word would read by the thousand).
        builder.HasIndex(a => new { a.Id, a.IsDraft, a.PublishedUtc });

        builder.Property(a => a.Slug).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(a => a.Language).HasMaxLength(8);
        builder.Property(a => a.TranslationOf).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(a => a.Headline).HasMaxLength(SeedLimits.HeadlineLength);
        builder.Property(a => a.Dek).HasMaxLength(SeedLimits.DekLength);
        builder.Property(a => a.Excerpt).HasMaxLength(SeedLimits.DekLength);
        builder.Property(a => a.SourcePath).HasMaxLength(SeedLimits.PathLength);
        builder.Property(a => a.ContentHash).HasMaxLength(64);

        builder.OwnsOne(a => a.Image, image =>
        {
            image.Property(i => i.Src).HasMaxLength(SeedLimits.UrlLength);
            image.Property(i => i.Alt).HasMaxLength(SeedLimits.DekLength);
            image.Property(i => i.Caption).HasMaxLength(SeedLimits.DekLength);
            image.Property(i => i.Credit).HasMaxLength(SeedLimits.HeadlineLength);
        });

        builder.HasOne(a => a.Author).WithMany(a => a.Articles).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Section).WithMany(s => s.Articles).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("ArticleTags");
        builder.HasMany(a => a.RelatedLinks).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Corrections).WithOne().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.ViewRecord).WithOne().HasForeignKey<ArticleViewRecord>(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.FeedItem).WithOne().HasForeignKey<FeedItem>(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CorrectionConfiguration : IEntityTypeConfiguration<Correction>
{
    public void Configure(EntityTypeBuilder<Correction> builder)
    {
        // /corrections lists them newest first, ties by article and position.
        builder.HasIndex(c => new { c.DateUtc, c.ArticleId, c.Position }).IsDescending(true, true, false);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Text).HasMaxLength(SeedLimits.DekLength);
    }
}

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public void Configure(EntityTypeBuilder<FeedItem> builder) => builder.HasKey(f => f.ArticleId);
}

internal sealed class ArticleViewRecordConfiguration : IEntityTypeConfiguration<ArticleViewRecord>
{
    public void Configure(EntityTypeBuilder<ArticleViewRecord> builder)
    {
        builder.ToTable("ArticleViews");
        builder.HasKey(v => v.ArticleId);
    }
}

internal sealed class RelatedLinkConfiguration : IEntityTypeConfiguration<RelatedLink>
{
    public void Configure(EntityTypeBuilder<RelatedLink> builder)
    {
        builder.HasIndex(r => new { r.ArticleId, r.Position }).IsUnique();
        builder.Property(r => r.TargetSlug).HasMaxLength(SeedLimits.SlugLength);
        builder.Property(r => r.Url).HasMaxLength(SeedLimits.UrlLength);
        builder.Property(r => r.Title).HasMaxLength(SeedLimits.HeadlineLength);
        builder.Property(r => r.Excerpt).HasMaxLength(SeedLimits.DekLength);
    }
}
