using AiFlow.Domain.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>Dataset versions: immutable snapshots of a scope's usable ground truth, taken by curation or by hand, and their comparison.</summary>
public sealed class DatasetService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Snapshots the scope's current, schema-valid, live example versions. Curation takes one only when the set changed;
    /// a manual snapshot is always taken. Null when the scope has no usable example.
    /// </summary>
    public Task<DatasetVersion?> SnapshotAsync(GroundTruthScope scope, Guid scopeId, string source, string? createdBy, string? note, CancellationToken cancellationToken) =>
        SnapshotAsync(scope, scopeId, source, createdBy, note, null, cancellationToken);

    /// <summary>As above, narrowed to the examples tagged <paramref name="tag"/> when one is given (the tag is kept on the version).</summary>
    public async Task<DatasetVersion?> SnapshotAsync(GroundTruthScope scope, Guid scopeId, string source, string? createdBy, string? note, string? tag,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two snapshots of one scope at once would race for the same number: they take turns instead.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"dataset:{scope}:{scopeId}"}, 0))", cancellationToken);
        var items = await db.GroundTruthExamples.AsNoTracking()
            .Where(e => e.Scope == scope && e.ScopeId == scopeId && !e.IsRetired && (tag == null || e.Tags.Contains(tag)))
            .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber && v.SchemaValid == true),
                (e, v) => new DatasetVersionItem { GroundTruthExampleId = e.Id, GroundTruthVersionId = v.Id })
            .ToListAsync(cancellationToken);
        if (items.Count == 0) return null;
        var previous = await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == scopeId)
            .OrderByDescending(d => d.Number).Select(d => new { d.Id, d.Number }).FirstOrDefaultAsync(cancellationToken);
        // Curation compares with the newest whole snapshot: one narrowed to a tag by hand says nothing of the rest.
        var whole = await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == scopeId && d.Tag == null)
            .OrderByDescending(d => d.Number).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (whole is not null && source == "curation" && tag is null)
        {
            var before = await db.DatasetVersionItems.AsNoTracking().Where(i => i.DatasetVersionId == whole).Select(i => i.GroundTruthVersionId).ToListAsync(cancellationToken);
            if (before.ToHashSet().SetEquals(items.Select(i => i.GroundTruthVersionId))) return null;
        }
        var version = new DatasetVersion
        {
            Scope = scope, ScopeId = scopeId, Number = (previous?.Number ?? 0) + 1, ExampleCount = items.Count, Source = source,
            CreatedBy = createdBy, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Tag = tag, CreatedAt = clock.GetUtcNow(), Items = items,
        };
        db.DatasetVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    public async Task<List<DatasetVersion>> ListAsync(GroundTruthScope scope, Guid scopeId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == scopeId).OrderByDescending(d => d.Number).ToListAsync(cancellationToken);
    }

    /// <summary>The scope's dataset version with this number, or its newest when none is given.</summary>
    public async Task<DatasetVersion?> FindAsync(GroundTruthScope scope, Guid scopeId, int? number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == scopeId);
        return number is { } n
            ? await versions.FirstOrDefaultAsync(d => d.Number == n, cancellationToken)
            : await versions.OrderByDescending(d => d.Number).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>What changed from dataset version <paramref name="from"/> to <paramref name="to"/> of one scope, by example.</summary>
    public async Task<DatasetComparison?> CompareAsync(GroundTruthScope scope, Guid scopeId, int from, int to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.DatasetVersions.AsNoTracking().Where(d => d.Scope == scope && d.ScopeId == scopeId && (d.Number == from || d.Number == to))
            .ToDictionaryAsync(d => d.Number, d => d.Id, cancellationToken);
        if (!ids.TryGetValue(from, out var a) || !ids.TryGetValue(to, out var b)) return null;
        var left = await db.DatasetVersionItems.AsNoTracking().Where(i => i.DatasetVersionId == a).ToDictionaryAsync(i => i.GroundTruthExampleId, i => i.GroundTruthVersionId, cancellationToken);
        var right = await db.DatasetVersionItems.AsNoTracking().Where(i => i.DatasetVersionId == b).ToDictionaryAsync(i => i.GroundTruthExampleId, i => i.GroundTruthVersionId, cancellationToken);
        return new DatasetComparison(from, to,
            [.. right.Keys.Where(k => !left.ContainsKey(k))],
            [.. left.Keys.Where(k => !right.ContainsKey(k))],
            [.. right.Where(p => left.TryGetValue(p.Key, out var v) && v != p.Value).Select(p => p.Key)],
            right.Count(p => left.TryGetValue(p.Key, out var v) && v == p.Value));
    }
}
