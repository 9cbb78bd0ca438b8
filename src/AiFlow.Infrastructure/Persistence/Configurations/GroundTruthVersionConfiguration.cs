using AiFlow.Domain.GroundTruth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class GroundTruthVersionConfiguration : IEntityTypeConfiguration<GroundTruthVersion>
{
    public void Configure(EntityTypeBuilder<GroundTruthVersion> b)
    {
        b.ToTable("ground_truth_versions");
        b.HasIndex(x => new { x.GroundTruthExampleId, x.Number }).IsUnique();
        b.Property(x => x.InputJson).HasColumnType("jsonb");
        b.Property(x => x.ExpectedIrJson).HasColumnType("jsonb");
        b.Property(x => x.Provenance).HasJsonConversion();
    }
}
