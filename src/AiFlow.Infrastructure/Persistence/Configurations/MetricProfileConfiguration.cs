using AiFlow.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class MetricProfileConfiguration : IEntityTypeConfiguration<MetricProfile>
{
    public void Configure(EntityTypeBuilder<MetricProfile> b)
    {
        b.ToTable("metric_profiles");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Targets).HasJsonConversion();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
