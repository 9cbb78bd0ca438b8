using AiFlow.Domain.GroundTruth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class GroundTruthExampleConfiguration : IEntityTypeConfiguration<GroundTruthExample>
{
    public void Configure(EntityTypeBuilder<GroundTruthExample> b)
    {
        b.ToTable("ground_truth_examples");
        b.HasIndex(x => new { x.Scope, x.ScopeId, x.Reference }).IsUnique();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.PrimitiveCollection(x => x.Tags).HasColumnType("text[]");
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.GroundTruthExampleId);
    }
}
