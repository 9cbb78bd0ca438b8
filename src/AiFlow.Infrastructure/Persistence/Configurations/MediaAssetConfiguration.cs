using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> b)
    {
        b.ToTable("media_assets");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.MimeType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(300);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasIndex(x => x.Sha256);
        b.HasIndex(x => x.Sha256, MediaDuplicates.IndexName).IsUnique().HasFilter(MediaDuplicates.IndexFilter).HasDatabaseName(MediaDuplicates.IndexName);
        b.HasIndex(x => x.SourceAssetId);
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(x => x.SourceAssetId).OnDelete(DeleteBehavior.Restrict);
    }
}
