using AiFlow.Domain.Inference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class ModelRouteConfiguration : IEntityTypeConfiguration<ModelRoute>
{
    public void Configure(EntityTypeBuilder<ModelRoute> b)
    {
        b.ToTable("model_routes");
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.EndpointChain).HasColumnType("uuid[]");
        b.Property(x => x.Strategy).HasMaxLength(20).HasDefaultValue(RoutingStrategy.Ordered);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
