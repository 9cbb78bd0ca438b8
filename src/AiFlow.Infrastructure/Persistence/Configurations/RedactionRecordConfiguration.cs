using AiFlow.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class RedactionRecordConfiguration : IEntityTypeConfiguration<RedactionRecord>
{
    public void Configure(EntityTypeBuilder<RedactionRecord> b)
    {
        b.ToTable("pii_redactions");
        b.HasIndex(x => x.EntityId);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.Field).HasMaxLength(64);
        b.Property(x => x.Findings).HasJsonConversion();
    }
}
