using AiFlow.Domain.Metrics;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// Turns every save of a metric definition or profile into an immutable numbered version: a new one is version 1, a
/// change is the stored number plus one, and each is copied into its history table in the same transaction. It runs in
/// the auditing interceptor, so the seeders, the tests and the catalogue service all number versions the same way.
/// </summary>
internal static class MetricVersionRecorder
{
    public static void Record(DbContext context, string savedBy, DateTimeOffset now)
    {
        foreach (var entry in context.ChangeTracker.Entries<INumberedVersions>().ToList())
        {
            if (entry.State == EntityState.Added) entry.Entity.Number = 1;
            else if (entry.State != EntityState.Modified || !ChangedBeyondNumbers(entry)) continue;
            else entry.Entity.Number = entry.Property<int>(nameof(INumberedVersions.Number)).OriginalValue + 1;
            object version = entry.Entity switch
            {
                MetricDefinition d => MetricDefinitionVersion.Of(d, savedBy, now),
                MetricProfile p => MetricProfileVersion.Of(p, savedBy, now),
                _ => throw new InvalidOperationException($"No history table for {entry.Entity.GetType().Name}."),
            };
            context.Add(version);
        }
    }

    private static bool ChangedBeyondNumbers(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<INumberedVersions> entry) =>
        entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not (nameof(INumberedVersions.Number) or "Version"));
}
