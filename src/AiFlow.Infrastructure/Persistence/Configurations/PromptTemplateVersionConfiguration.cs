using AiFlow.Domain.Prompts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class PromptTemplateVersionConfiguration : IEntityTypeConfiguration<PromptTemplateVersion>
{
    public void Configure(EntityTypeBuilder<PromptTemplateVersion> b)
    {
        b.ToTable("prompt_template_versions");
        b.HasIndex(x => new { x.PromptTemplateId, x.Number }).IsUnique();
        b.Property(x => x.Variables).HasColumnType("text[]");
        b.Property(x => x.Variants).HasJsonConversion();
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
