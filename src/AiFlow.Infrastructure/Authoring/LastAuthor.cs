using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Authoring;

/// <summary>Who last wrote an audited row, read from the audit trail, for conflict messages that name the other author.</summary>
internal static class LastAuthor
{
    public static async Task<(string User, DateTimeOffset At)?> FindAsync(AiFlowDbContext db, string entityType, Guid id, CancellationToken cancellationToken)
    {
        var key = id.ToString();
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == key)
            .OrderByDescending(a => a.Id).Select(a => new { a.UserName, a.At }).FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : (entry.UserName, entry.At);
    }

    public static string Describe((string User, DateTimeOffset At)? author) =>
        author is { } a ? $"by {a.User} at {a.At:yyyy-MM-dd HH:mm:ss} UTC" : "by someone else";
}
