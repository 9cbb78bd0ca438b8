using AiFlow.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class RetentionRunConfiguration : IEntityTypeConfiguration<RetentionRun>
{
    public void Configure(EntityTypeBuilder<RetentionRun> b)
    {
        b.ToTable("retention_runs");
        b.HasIndex(x => x.StartedAt);
    }
}
