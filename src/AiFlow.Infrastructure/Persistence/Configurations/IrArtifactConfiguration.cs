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
        // "Has invalid IR" looks only at the (few) invalid artifacts.
        b.HasIndex(x => x.StepRunId, "ix_ir_artifacts_invalid_step_run_id").HasFilter("NOT is_valid");
        b.Property(x => x.IrJson).HasColumnType("jsonb");
        b.Property(x => x.ValidationErrors).HasJsonConversion();
        b.HasOne<StepRun>().WithMany(s => s.Artifacts).HasForeignKey(x => x.StepRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
