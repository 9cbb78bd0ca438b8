using AiFlow.Domain.Judges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class JudgeDefinitionConfiguration : IEntityTypeConfiguration<JudgeDefinition>
{
    public void Configure(EntityTypeBuilder<JudgeDefinition> b)
    {
        b.ToTable("judge_definitions");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
