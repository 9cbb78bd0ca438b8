using AiFlow.Domain.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiFlow.Infrastructure.Persistence.Configurations;

internal sealed class SettingOverrideConfiguration : IEntityTypeConfiguration<SettingOverride>
{
    public void Configure(EntityTypeBuilder<SettingOverride> b)
    {
        b.ToTable("settings");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.ValueJson).HasColumnName("value").HasColumnType("jsonb");
        // The version the client read is checked in the UPDATE itself, so two Admins saving at once cannot both win.
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}
