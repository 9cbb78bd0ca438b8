using AiFlow.Domain.Inference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class InferenceEndpointConfiguration : IEntityTypeConfiguration<InferenceEndpoint>
{
    public void Configure(EntityTypeBuilder<InferenceEndpoint> b)
    {
        b.ToTable("inference_endpoints");
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.BaseUrl).HasMaxLength(2000);
        b.Property(x => x.Tags).HasColumnType("text[]");
        b.Property(x => x.Replicas).HasJsonConversion().HasDefaultValueSql("'[]'::jsonb");
        b.Property(x => x.PricePer1MInputTokens).HasPrecision(18, 6);
        b.Property(x => x.PricePer1MOutputTokens).HasPrecision(18, 6);
        b.Property(x => x.PricePerGpuSecond).HasPrecision(18, 6);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
