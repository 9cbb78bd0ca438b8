using AiFlow.Domain.Prompts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class PromptTemplateConfiguration : IEntityTypeConfiguration<PromptTemplate>
{
    public void Configure(EntityTypeBuilder<PromptTemplate> b)
    {
        b.ToTable("prompt_templates");
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.ArchivedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.PromptTemplateId);
    }
}
