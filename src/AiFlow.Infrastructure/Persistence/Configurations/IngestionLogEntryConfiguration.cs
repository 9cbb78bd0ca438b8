using AiFlow.Domain.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class IngestionLogEntryConfiguration : IEntityTypeConfiguration<IngestionLogEntry>
{
    public void Configure(EntityTypeBuilder<IngestionLogEntry> b)
    {
        b.ToTable("ingestion_log");
        b.HasIndex(x => new { x.JobId, x.Id });
        b.HasIndex(x => x.DocumentId);
        b.Property(x => x.Level).HasMaxLength(16);
        b.Property(x => x.Message).HasMaxLength(4000);
        b.HasOne<IngestionJob>().WithMany().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
