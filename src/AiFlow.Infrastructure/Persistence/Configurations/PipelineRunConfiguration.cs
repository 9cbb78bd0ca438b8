using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class PipelineRunConfiguration : IEntityTypeConfiguration<PipelineRun>
{
    public void Configure(EntityTypeBuilder<PipelineRun> b)
    {
        b.ToTable("pipeline_runs");
        b.Property(x => x.InputJson).HasColumnType("jsonb");
        b.Property(x => x.OutputJson).HasColumnType("jsonb");
        b.Property(x => x.CostUsd).HasPrecision(18, 6);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasIndex(x => new { x.CreatedAt, x.Id }).IsDescending();
        b.HasIndex(x => new { x.PipelineDefinitionId, x.CreatedAt });
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        // Run list filters and sorts (RunFilter); the input's trigram index is raw SQL in the RunsDashboards migration.
        b.HasIndex(x => new { x.Trigger, x.CreatedAt });
        b.HasIndex(x => x.CostUsd);
        // The dashboard refresh finds older runs that finished since its last pass.
        b.HasIndex(x => x.FinishedAt);
        // Budgets count a key's spend through the runs it launched.
        b.HasIndex(x => x.ApiKeyId);
        b.HasOne<AiFlow.Domain.Pipelines.PipelineVersion>().WithMany().HasForeignKey(x => x.PipelineVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Steps).WithOne(x => x.PipelineRun).HasForeignKey(x => x.PipelineRunId);
    }
}
