using AiFlow.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class MetricResultConfiguration : IEntityTypeConfiguration<MetricResult>
{
    public void Configure(EntityTypeBuilder<MetricResult> b)
    {
        b.ToTable("metric_results");
        b.HasIndex(x => x.StepRunId);
        b.Property(x => x.DetailsJson).HasColumnType("jsonb");
        b.HasIndex(x => new { x.MetricKey, x.CreatedAt });
        b.HasOne<AiFlow.Domain.Runs.StepRun>().WithMany().HasForeignKey(x => x.StepRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MetricDefinition>().WithMany().HasForeignKey(x => x.MetricDefinitionId).OnDelete(DeleteBehavior.Restrict);
    }
}
