using AiFlow.Domain.Privacy;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Privacy;

/// <summary>Reads what was redacted from stored fields, and the sealed originals where the policy keeps them.</summary>
public sealed class RedactionReader(PiiRedactor redactor, PiiVault vault)
{
    /// <summary>Whether the engine should read originals: only while the policy keeps them.</summary>
    public bool KeepsOriginals => redactor.Options.KeepOriginals;

    /// <summary>The newest record of each field of <paramref name="entityIds"/>, oldest entity first.</summary>
    public static async Task<List<RedactionRecord>> RecordsAsync(AiFlowDbContext db, IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (entityIds.Count == 0) return [];
        var rows = await db.RedactionRecords.AsNoTracking().Where(r => entityIds.Contains(r.EntityId))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => (r.EntityId, r.Field)).Select(g => g.Last())];
    }

    /// <summary>The unsealed originals of <paramref name="entityIds"/>' redacted fields, keyed by entity and field.</summary>
    public async Task<Dictionary<(Guid EntityId, string Field), string>> OriginalsAsync(
        AiFlowDbContext db, IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken)
    {
        var records = await RecordsAsync(db, entityIds, cancellationToken);
        return records.Where(r => r.SealedOriginal is not null).ToDictionary(r => (r.EntityId, r.Field), r => Unseal(r));
    }

    public string Unseal(RedactionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.SealedOriginal is null ? throw new InvalidOperationException("This field's original was not kept.") : vault.Unseal(record.SealedOriginal);
    }
}
