using AiFlow.Domain.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class SettingChangeConfiguration : IEntityTypeConfiguration<SettingChange>
{
    public void Configure(EntityTypeBuilder<SettingChange> b)
    {
        b.ToTable("setting_changes");
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.ValueJson).HasColumnName("value").HasColumnType("jsonb");
        b.Property(x => x.ChangedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Key, x.Version }).IsUnique();
    }
}
