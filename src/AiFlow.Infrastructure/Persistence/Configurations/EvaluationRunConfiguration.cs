using AiFlow.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationRunConfiguration : IEntityTypeConfiguration<EvaluationRun>
{
    public void Configure(EntityTypeBuilder<EvaluationRun> b)
    {
        b.ToTable("evaluation_runs");
        b.Property(x => x.Aggregates).HasJsonConversion();
        b.Property(x => x.Skipped).HasJsonConversion();
        // The gate looks up the newest completed evaluation of a version on a dataset.
        b.HasIndex(x => new { x.StepVersionId, x.DatasetVersionId, x.Status });
        b.HasIndex(x => x.CreatedAt);
    }
}
