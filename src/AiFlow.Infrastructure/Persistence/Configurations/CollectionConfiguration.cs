using AiFlow.Domain.Inference;
using AiFlow.Domain.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> b)
    {
        b.ToTable("collections");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.EmbeddingModel).HasMaxLength(200);
        b.Property(x => x.TextSearchLanguage).HasMaxLength(63);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasOne<ModelRoute>().WithMany().HasForeignKey(x => x.EmbeddingRouteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InferenceEndpoint>().WithMany().HasForeignKey(x => x.RerankEndpointId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
