using AiFlow.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class MetricDefinitionConfiguration : IEntityTypeConfiguration<MetricDefinition>
{
    public void Configure(EntityTypeBuilder<MetricDefinition> b)
    {
        b.ToTable("metric_definitions");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.Property(x => x.ParametersJson).HasColumnType("jsonb");
    }
}
