using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class StepRunConfiguration : IEntityTypeConfiguration<StepRun>
{
    public void Configure(EntityTypeBuilder<StepRun> b)
    {
        b.ToTable("step_runs");
        b.HasIndex(x => new { x.PipelineRunId, x.NodeKey, x.Attempt }).IsUnique();
        b.Property(x => x.ParamsJson).HasColumnType("jsonb");
        b.Property(x => x.InputJson).HasColumnType("jsonb");
        b.Property(x => x.CostUsd).HasPrecision(18, 6);
        b.HasIndex(x => new { x.StepVersionId, x.StartedAt });
        // The dashboard refresh reads the step runs of recent hours through this index (ADR 0012).
        b.HasIndex(x => x.FinishedAt).IncludeProperties(x => new { x.LatencyMs, x.Status });
    }
}
