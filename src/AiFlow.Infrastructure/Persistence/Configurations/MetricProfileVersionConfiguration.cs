using AiFlow.Domain.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class MetricProfileVersionConfiguration : IEntityTypeConfiguration<MetricProfileVersion>
{
    public void Configure(EntityTypeBuilder<MetricProfileVersion> b)
    {
        b.ToTable("metric_profile_versions");
        b.HasIndex(x => new { x.MetricProfileId, x.Number }).IsUnique();
        b.HasOne<MetricProfile>().WithMany().HasForeignKey(x => x.MetricProfileId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Targets).HasJsonConversion();
    }
}
