using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class IrArtifactConfiguration : IEntityTypeConfiguration<IrArtifact>
{
    public void Configure(EntityTypeBuilder<IrArtifact> b)
    {
        b.ToTable("ir_artifacts");
        b.HasIndex(x => x.StepRunId);
        b.Property(x => x.IrJson).HasColumnType("jsonb");
        b.Property(x => x.ValidationErrors).HasJsonConversion();
        b.HasOne<StepRun>().WithMany().HasForeignKey(x => x.StepRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
