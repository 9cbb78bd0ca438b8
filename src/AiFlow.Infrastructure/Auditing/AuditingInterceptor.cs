using System.Text.Json;
using AiFlow.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiFlow.Infrastructure.Auditing;

/// <summary>Writes an audit entry (who, when, before, after) for every change to an <see cref="IAudited"/> entity, in the same transaction.</summary>
public sealed class AuditingInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow();
        Metrics.MetricVersionRecorder.Record(context, AuditScope.UserName, now);
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries<IAudited>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            };
            if (action == AuditAction.Updated && !entry.Properties.Any(p => p.IsModified)) continue;
            entries.Add(new AuditEntry
            {
                At = now,
                UserName = AuditScope.UserName,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Entity.Id.ToString(),
                Action = action,
                Before = action == AuditAction.Created ? null : Snapshot(entry, original: true),
                After = action == AuditAction.Deleted ? null : Snapshot(entry, original: false),
            });
        }
        context.Set<AuditEntry>().AddRange(entries);
    }

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new Dictionary<string, object?>();
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.IsShadowProperty() || p.Metadata.Name == nameof(IAudited.Version)) continue;
            var value = original ? p.OriginalValue : p.CurrentValue;
            values[p.Metadata.Name] = value is string s && s.Length > 4000 ? s[..4000] + "…" : value;
        }
        return JsonSerializer.Serialize(values);
    }
}
