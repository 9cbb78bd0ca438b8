using AiFlow.Domain.Pipelines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class PipelineVersionConfiguration : IEntityTypeConfiguration<PipelineVersion>
{
    public void Configure(EntityTypeBuilder<PipelineVersion> b)
    {
        b.ToTable("pipeline_versions");
        b.HasIndex(x => new { x.PipelineDefinitionId, x.Number }).IsUnique();
        // Exactly one active version per pipeline: the database refuses a second.
        b.HasIndex(x => x.PipelineDefinitionId).IsUnique().HasFilter("is_active").HasDatabaseName("ux_pipeline_versions_active");
        b.Property(x => x.Dag).HasJsonConversion();
        b.Property(x => x.Layout).HasJsonConversion();
        b.Property(x => x.ReleaseNotes).HasMaxLength(PipelineVersion.ReleaseNotesMaxLength);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
