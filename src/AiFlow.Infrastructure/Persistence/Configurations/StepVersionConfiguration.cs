using AiFlow.Domain.Inference;
using AiFlow.Domain.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class StepVersionConfiguration : IEntityTypeConfiguration<StepVersion>
{
    public void Configure(EntityTypeBuilder<StepVersion> b)
    {
        b.ToTable("step_versions");
        b.HasIndex(x => new { x.StepDefinitionId, x.Number }).IsUnique();
        b.Property(x => x.ParamsJson).HasColumnType("jsonb");
        b.Property(x => x.LabelSet).HasColumnType("text[]");
        // Existing versions become normal: the zero value is Normal, so EF leaves it to this default.
        b.Property(x => x.Importance).HasDefaultValue(CallImportance.Normal);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
