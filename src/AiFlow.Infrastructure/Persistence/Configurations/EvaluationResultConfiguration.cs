using AiFlow.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> b)
    {
        b.ToTable("evaluation_results");
        b.Property(x => x.ActualIrJson).HasColumnType("jsonb");
        b.Property(x => x.DetailsJson).HasColumnType("jsonb");
        b.Property(x => x.Metrics).HasJsonConversion();
        // One result per case and side: an evaluation resumed after a crash cannot score a case twice.
        b.HasIndex(x => new { x.EvaluationRunId, x.GroundTruthExampleId, x.Side }).IsUnique();
        b.HasOne<EvaluationRun>().WithMany().HasForeignKey(x => x.EvaluationRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
