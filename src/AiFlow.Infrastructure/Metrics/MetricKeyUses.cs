using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>What refers to a metric by its key: profiles' targets, stored run results and evaluation results.</summary>
internal static class MetricKeyUses
{
    /// <summary>The uses in words ("profile a and stored run results"), or null when nothing refers to the key.</summary>
    public static async Task<string?> DescribeAsync(AiFlowDbContext db, MetricDefinition definition, CancellationToken cancellationToken)
    {
        var key = definition.Key;
        var profiles = (await db.MetricProfiles.AsNoTracking().Select(p => new { p.Key, p.Targets }).ToListAsync(cancellationToken))
            .Where(p => p.Targets.Any(t => t.MetricKey == key)).Select(p => p.Key).ToList();
        var uses = new List<string>();
        if (profiles.Count > 0) uses.Add((profiles.Count == 1 ? "profile " : "profiles ") + string.Join(", ", profiles));
        if (await db.MetricResults.AnyAsync(r => r.MetricDefinitionId == definition.Id || r.MetricKey == key, cancellationToken)) uses.Add("stored run results");
        if (await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM evaluation_results WHERE jsonb_exists(metrics, {key})) AS \"Value\"")
            .SingleAsync(cancellationToken))
        {
            uses.Add("evaluation results");
        }
        return uses.Count == 0 ? null : string.Join(" and ", uses);
    }
}
