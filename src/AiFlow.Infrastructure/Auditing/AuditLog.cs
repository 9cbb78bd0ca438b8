using System.Text.Json;
using System.Text.Json.Serialization;
using AiFlow.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Auditing;

/// <summary>
/// Audit entries for changes <see cref="AuditingInterceptor"/> never sees: bulk statements (<c>ExecuteUpdate</c>) and
/// Identity's tables. One entry per id, by the current <see cref="AuditScope"/> user, saved on the caller's context so
/// that it commits with the caller's transaction.
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static Task RecordAsync(DbContext db, TimeProvider clock, string entityType, IEnumerable<string> ids, object? before, object after,
        CancellationToken cancellationToken) =>
        RecordAsync(db, clock, entityType, ids, AuditAction.Updated, before, after, cancellationToken);

    /// <summary>As the other overload, with the action named (an account made through Identity is <see cref="AuditAction.Created"/>).</summary>
    public static async Task RecordAsync(DbContext db, TimeProvider clock, string entityType, IEnumerable<string> ids, AuditAction action, object? before,
        object after, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var user = AuditScope.UserName;
        var beforeJson = before is null ? null : JsonSerializer.Serialize(before, Json);
        var afterJson = JsonSerializer.Serialize(after, Json);
        db.Set<AuditEntry>().AddRange(ids.Select(id => new AuditEntry
        {
            At = at, UserName = user, EntityType = entityType, EntityId = id, Action = action, Before = beforeJson, After = afterJson,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
