using AiFlow.Domain.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.ToTable("documents");
        b.HasIndex(x => new { x.CollectionId, x.Checksum });
        b.HasIndex(x => new { x.CollectionId, x.FileName, x.Version }).IsUnique();
        b.HasIndex(x => new { x.CollectionId, x.Status });
        b.Property(x => x.FileName).HasMaxLength(1000);
        b.Property(x => x.Title).HasMaxLength(1000);
        b.Property(x => x.MimeType).HasMaxLength(200);
        b.Property(x => x.Checksum).HasMaxLength(64);
        b.Property(x => x.Language).HasMaxLength(16);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasOne<Collection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Chunks).WithOne().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<IngestionJob>().WithMany().HasForeignKey(x => x.IngestionJobId).OnDelete(DeleteBehavior.SetNull);
    }
}
