using AiFlow.Domain.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class IrSchemaConfiguration : IEntityTypeConfiguration<IrSchema>
{
    public void Configure(EntityTypeBuilder<IrSchema> b)
    {
        b.ToTable("ir_schemas");
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ArchivedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasMany(x => x.Versions).WithOne(x => x.IrSchema).HasForeignKey(x => x.IrSchemaId);
    }
}
