using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class StepRunTextConfiguration : IEntityTypeConfiguration<StepRunText>
{
    public void Configure(EntityTypeBuilder<StepRunText> b)
    {
        b.ToTable("step_run_texts");
        // Partitioned by month on created_at (ADR 0038): PostgreSQL wants the partition key in every unique key.
        b.HasKey(x => new { x.StepRunId, x.CreatedAt });
        b.HasOne<StepRun>().WithMany(s => s.Texts).HasForeignKey(x => x.StepRunId).OnDelete(DeleteBehavior.Cascade);
        // The purge walks rows oldest first.
        b.HasIndex(x => new { x.CreatedAt, x.StepRunId });
    }
}
