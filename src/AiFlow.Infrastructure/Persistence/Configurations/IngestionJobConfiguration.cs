using AiFlow.Domain.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class IngestionJobConfiguration : IEntityTypeConfiguration<IngestionJob>
{
    public void Configure(EntityTypeBuilder<IngestionJob> b)
    {
        b.ToTable("ingestion_jobs");
        b.HasIndex(x => new { x.CollectionId, x.CreatedAt });
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasOne<Collection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
