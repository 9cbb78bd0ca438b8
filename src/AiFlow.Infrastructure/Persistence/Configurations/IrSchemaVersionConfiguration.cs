using AiFlow.Domain.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class IrSchemaVersionConfiguration : IEntityTypeConfiguration<IrSchemaVersion>
{
    public void Configure(EntityTypeBuilder<IrSchemaVersion> b)
    {
        b.ToTable("ir_schema_versions");
        b.HasIndex(x => new { x.IrSchemaId, x.Number }).IsUnique();
        // At most one active version per schema, enforced by the database.
        b.HasIndex(x => x.IrSchemaId).IsUnique().HasFilter("is_active").HasDatabaseName("ux_ir_schema_versions_active");
        b.Property(x => x.SchemaJson).HasColumnType("jsonb");
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
    }
}
