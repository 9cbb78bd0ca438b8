using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Privacy;

/// <summary>Unseals a redacted field's original for an Admin, leaving an audit entry that says who read which field.</summary>
public sealed class OriginalReveal(IDbContextFactory<AiFlowDbContext> contexts, RedactionReader reader, TimeProvider clock)
{
    /// <returns>The original, or null when the record does not exist or its original was not kept.</returns>
    public async Task<string?> RevealAsync(Guid recordId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.RedactionRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, cancellationToken);
        if (record?.SealedOriginal is null) return null;
        var original = reader.Unseal(record);
        await AuditLog.RecordAsync(db, clock, "RedactionRecord", [record.Id.ToString()], null,
            new { Revealed = $"{record.EntityType}.{record.Field}", record.EntityId }, cancellationToken);
        return original;
    }
}
