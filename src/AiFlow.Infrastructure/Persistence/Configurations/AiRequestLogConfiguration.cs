using AiFlow.Domain.Inference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class AiRequestLogConfiguration : IEntityTypeConfiguration<AiRequestLog>
{
    public void Configure(EntityTypeBuilder<AiRequestLog> b)
    {
        b.ToTable("ai_request_logs");
        b.Property(x => x.CostUsd).HasPrecision(18, 6);
        b.HasIndex(x => x.CreatedAt);
        b.HasIndex(x => new { x.EndpointId, x.CreatedAt });
        b.HasIndex(x => x.StepRunId);
    }
}
