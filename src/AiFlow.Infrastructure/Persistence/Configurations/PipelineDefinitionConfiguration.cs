using AiFlow.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class PipelineDefinitionConfiguration : IEntityTypeConfiguration<PipelineDefinition>
{
    public void Configure(EntityTypeBuilder<PipelineDefinition> b)
    {
        b.ToTable("pipeline_definitions");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.InputSchemaJson).HasColumnType("jsonb");
        b.Property(x => x.ScheduleTimeZone).HasMaxLength(100);
        b.Property(x => x.ScheduleInputJson).HasColumnType("jsonb");
        b.Property(x => x.ArchivedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasMany(x => x.Versions).WithOne(x => x.PipelineDefinition).HasForeignKey(x => x.PipelineDefinitionId);
    }
}
