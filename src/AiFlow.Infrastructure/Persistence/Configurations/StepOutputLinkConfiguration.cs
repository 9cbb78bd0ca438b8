using AiFlow.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class StepOutputLinkConfiguration : IEntityTypeConfiguration<StepOutputLink>
{
    public void Configure(EntityTypeBuilder<StepOutputLink> b)
    {
        b.ToTable("step_output_links");
        b.HasIndex(x => x.StepRunId);
        b.HasIndex(x => new { x.TargetType, x.TargetId });
        b.HasOne<StepRun>().WithMany().HasForeignKey(x => x.StepRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
