using AiFlow.Domain.Access;
using AiFlow.Domain.Budgets;
using AiFlow.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.ToTable("budgets", t => t.HasCheckConstraint("ck_budgets_amount_positive", "amount_usd > 0"));
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.AmountUsd).HasPrecision(18, 6);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        // One budget per scope and period: nulls compare equal, so there is one global budget per period too.
        b.HasIndex(x => new { x.Scope, x.PipelineDefinitionId, x.ApiKeyId, x.Period }).IsUnique().AreNullsDistinct(false);
        b.HasOne<PipelineDefinition>().WithMany().HasForeignKey(x => x.PipelineDefinitionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
