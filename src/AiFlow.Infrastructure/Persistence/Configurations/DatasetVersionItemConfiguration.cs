using AiFlow.Domain.GroundTruth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class DatasetVersionItemConfiguration : IEntityTypeConfiguration<DatasetVersionItem>
{
    public void Configure(EntityTypeBuilder<DatasetVersionItem> b)
    {
        b.ToTable("dataset_version_items");
        b.HasKey(x => new { x.DatasetVersionId, x.GroundTruthExampleId });
        // Ground truth is never deleted; the restriction keeps a snapshot from silently losing a case if someone tries.
        b.HasOne<GroundTruthVersion>().WithMany().HasForeignKey(x => x.GroundTruthVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.GroundTruthVersionId);
    }
}
