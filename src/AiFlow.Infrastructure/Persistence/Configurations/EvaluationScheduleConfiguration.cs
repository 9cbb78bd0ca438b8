using AiFlow.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationScheduleConfiguration : IEntityTypeConfiguration<EvaluationSchedule>
{
    public void Configure(EntityTypeBuilder<EvaluationSchedule> b)
    {
        b.ToTable("evaluation_schedules");
        b.HasIndex(x => x.PipelineDefinitionId).IsUnique();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne<AiFlow.Domain.Pipelines.PipelineDefinition>().WithMany().HasForeignKey(x => x.PipelineDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
