using AiFlow.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class MetricDefinitionVersionConfiguration : IEntityTypeConfiguration<MetricDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<MetricDefinitionVersion> b)
    {
        b.ToTable("metric_definition_versions");
        b.HasIndex(x => new { x.MetricDefinitionId, x.Number }).IsUnique();
        b.HasOne<MetricDefinition>().WithMany().HasForeignKey(x => x.MetricDefinitionId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.ParametersJson).HasColumnType("jsonb");
    }
}
