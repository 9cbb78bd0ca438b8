using AiFlow.Domain.GroundTruth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public void Configure(EntityTypeBuilder<DatasetVersion> b)
    {
        b.ToTable("dataset_versions");
        // Numbers count up per scope; the unique index makes two concurrent snapshots of one scope collide instead of sharing a number.
        b.HasIndex(x => new { x.Scope, x.ScopeId, x.Number }).IsUnique();
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
