using System.Collections.Concurrent;
using System.Diagnostics;
using AiFlow.Domain.Steps;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>What a decision is checked against: the step version's labels, rating scale and IR schema.</summary>
internal sealed record StepReviewSettings(IReadOnlyList<string> LabelSet, int RatingScale, Guid? IrSchemaVersionId, ValidationMode ValidationMode);

/// <summary>
/// Review settings per step version, read at most every few seconds for a published version, so a run of decisions
/// costs no query for them. Not for longer: Admins change a published version's labels and rating scale on the Review
/// settings page, and every console node must follow within seconds. A draft's are read every time.
/// </summary>
internal sealed class StepReviewSettingsCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    // Step versions are few; the bound only keeps a pathological catalogue from growing the process without end.
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<Guid, (StepReviewSettings Settings, long ReadAt)> published = new();

    public async Task<StepReviewSettings?> GetAsync(AiFlowDbContext db, Guid stepVersionId, CancellationToken cancellationToken)
    {
        if (published.TryGetValue(stepVersionId, out var known) && Stopwatch.GetElapsedTime(known.ReadAt) < Lifetime) return known.Settings;
        var row = await db.StepVersions.AsNoTracking().Where(v => v.Id == stepVersionId)
            .Select(v => new { v.LabelSet, v.RatingScale, v.IrSchemaVersionId, v.ValidationMode, v.Status }).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var settings = new StepReviewSettings(row.LabelSet, row.RatingScale, row.IrSchemaVersionId, row.ValidationMode);
        if (row.Status == VersionStatus.Published)
        {
            if (published.Count >= MaxEntries) published.Clear();
            published[stepVersionId] = (settings, Stopwatch.GetTimestamp());
        }
        return settings;
    }
}
