using AiFlow.Domain.Inference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class AiRequestLogConfiguration : IEntityTypeConfiguration<AiRequestLog>
{
    public void Configure(EntityTypeBuilder<AiRequestLog> b)
    {
        b.ToTable("ai_request_logs");
        // Partitioned by month on created_at (ADR 0038): PostgreSQL wants the partition key in every unique key.
        b.HasKey(x => new { x.Id, x.CreatedAt });
        b.Property(x => x.CostUsd).HasPrecision(18, 6);
        b.HasIndex(x => x.CreatedAt);
        b.HasIndex(x => new { x.EndpointId, x.CreatedAt });
        b.HasIndex(x => x.StepRunId);
    }
}
