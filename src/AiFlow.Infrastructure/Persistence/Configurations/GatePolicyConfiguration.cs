using AiFlow.Domain.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class GatePolicyConfiguration : IEntityTypeConfiguration<GatePolicy>
{
    public void Configure(EntityTypeBuilder<GatePolicy> b)
    {
        b.ToTable("gate_policies");
        b.HasIndex(x => x.PipelineDefinitionId).IsUnique();
        b.Property(x => x.Rules).HasJsonConversion();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne<AiFlow.Domain.Pipelines.PipelineDefinition>().WithMany().HasForeignKey(x => x.PipelineDefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
