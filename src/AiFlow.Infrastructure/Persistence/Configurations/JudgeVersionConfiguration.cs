using AiFlow.Domain.Inference;
using AiFlow.Domain.Judges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class JudgeVersionConfiguration : IEntityTypeConfiguration<JudgeVersion>
{
    public void Configure(EntityTypeBuilder<JudgeVersion> b)
    {
        b.ToTable("judge_versions");
        b.HasIndex(x => new { x.JudgeDefinitionId, x.Number }).IsUnique();
        b.Property(x => x.OutputSchemaJson).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        b.Property(x => x.Categories).HasColumnType("text[]");
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne<JudgeDefinition>().WithMany().HasForeignKey(x => x.JudgeDefinitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelRoute>().WithMany().HasForeignKey(x => x.ModelRouteId).OnDelete(DeleteBehavior.Restrict);
    }
}
