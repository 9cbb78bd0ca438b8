using AiFlow.Domain.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class StepDefinitionConfiguration : IEntityTypeConfiguration<StepDefinition>
{
    public void Configure(EntityTypeBuilder<StepDefinition> b)
    {
        b.ToTable("step_definitions");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ArchivedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasMany(x => x.Versions).WithOne(x => x.StepDefinition).HasForeignKey(x => x.StepDefinitionId);
    }
}
