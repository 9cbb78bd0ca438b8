using System.Text.Json.Nodes;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// Measures each judge version against people on the same items: a step run that a judge metric scored and a reviewer
/// decided. A rating judge is compared with the reviewer's rating (scaled by the step version's rating scale), a
/// category judge with the first of the reviewer's labels that is one of its categories, else with the decision's name
/// (approve, reject, correct) when that is one. Where several reviewers decided an item, the first decision counts.
/// </summary>
public sealed class JudgeAgreementService(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>
    /// Per version of judge <paramref name="key"/> (newest first) that people have judged alongside: agreement over all
    /// steps, then per step version.
    /// </summary>
    public async Task<IReadOnlyList<JudgeAgreementRow>> ForJudgeAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(db, key, null, cancellationToken);
    }

    /// <summary>The standing of judge <paramref name="key"/>'s current version over all steps; null when there is no such judge.</summary>
    public static async Task<JudgeStanding?> StandingAsync(AiFlowDbContext db, string key, CancellationToken cancellationToken)
    {
        var current = await (from j in db.JudgeDefinitions
                             join v in db.JudgeVersions on j.Id equals v.JudgeDefinitionId
                             where j.Key == key && v.Number == j.CurrentVersion
                             select new { v.Number, v.Kind }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (current is null) return null;
        var overall = (await RowsAsync(db, key, current.Number, cancellationToken)).FirstOrDefault(r => r.StepKey is null);
        return new JudgeStanding(key, current.Number, current.Kind == JudgeKind.Category ? JudgeAgreement.Kappa : JudgeAgreement.Spearman, overall?.Value, overall?.Items ?? 0);
    }

    private static async Task<IReadOnlyList<JudgeAgreementRow>> RowsAsync(AiFlowDbContext db, string key, int? onlyVersion, CancellationToken cancellationToken)
    {
        var versions = await (from v in db.JudgeVersions.AsNoTracking()
                              join j in db.JudgeDefinitions on v.JudgeDefinitionId equals j.Id
                              where j.Key == key && (onlyVersion == null || v.Number == onlyVersion)
                              orderby v.Number descending
                              select v).ToListAsync(cancellationToken);
        if (versions.Count == 0) return [];
        var metricIds = (await db.MetricDefinitions.AsNoTracking().Where(d => d.Function == MetricFunctionCatalog.Judge.Key)
                .Select(d => new { d.Id, d.ParametersJson }).ToListAsync(cancellationToken))
            .Where(d => MetricFunctionCatalog.JudgeKeyOf(MetricFunctionCatalog.Judge, JsonNode.Parse(d.ParametersJson) as JsonObject ?? []) == key)
            .Select(d => d.Id).ToList();
        var rows = await (from m in db.MetricResults.AsNoTracking()
                          where metricIds.Contains(m.MetricDefinitionId) && m.Value != null && m.DetailsJson != null
                          join f in db.HumanFeedback on m.StepRunId equals f.StepRunId
                          join s in db.StepRuns on m.StepRunId equals s.Id
                          join sv in db.StepVersions on s.StepVersionId equals sv.Id
                          orderby f.CreatedAt
                          select new
                          {
                              m.StepRunId, m.PipelineRunId, Score = m.Value!.Value, m.DetailsJson, f.ReviewItemId, f.Rating, f.Labels, f.Decision,
                              s.StepVersionId, StepKey = sv.StepDefinition!.Key, StepNumber = sv.Number, sv.RatingScale,
                          }).ToListAsync(cancellationToken);
        var result = new List<JudgeAgreementRow>();
        foreach (var version in versions)
        {
            var id = version.Id.ToString();
            var mine = rows.Where(r => (JsonNode.Parse(r.DetailsJson!) as JsonObject)?["judgeVersionId"]?.GetValue<string>() == id)
                .DistinctBy(r => r.StepRunId)
                .Select(r => new
                {
                    Row = r,
                    Category = (JsonNode.Parse(r.DetailsJson!) as JsonObject)?["category"]?.GetValue<string>(),
                    Human = version.Kind == JudgeKind.Category
                        ? r.Labels.FirstOrDefault(l => version.Categories.Contains(l, StringComparer.Ordinal))
                            ?? version.Categories.FirstOrDefault(c => string.Equals(c, r.Decision.ToString(), StringComparison.OrdinalIgnoreCase))
                        : null,
                })
                .ToList();
            JudgeAgreementRow Row(string? stepKey, int? stepNumber, IEnumerable<Guid> stepRuns)
            {
                var items = mine.Where(m => stepRuns.Contains(m.Row.StepRunId)).ToList();
                var agreement = JudgeAgreement.Compute(version.Kind, [.. items.Select(m => new JudgeItem(m.Row.StepRunId, m.Row.StepVersionId,
                    JudgeAgreement.Scaled(m.Row.Score, version.ScoreMin, version.ScoreMax), m.Category,
                    m.Row.Rating is { } rating && m.Row.RatingScale > 1 ? JudgeAgreement.Scaled(rating, 1, m.Row.RatingScale) : null, m.Human))]);
                var disagreeing = agreement.Disagreeing.ToHashSet();
                return new JudgeAgreementRow(version.Number, stepKey, stepNumber, agreement.Measure, agreement.Value, agreement.Items,
                    [.. items.Where(m => disagreeing.Contains(m.Row.StepRunId)).Select(m => new JudgeDisagreement(m.Row.StepRunId, m.Row.PipelineRunId,
                        m.Row.ReviewItemId, m.Row.Score, m.Category, m.Row.Rating, m.Human))]);
            }
            if (mine.Count == 0) continue;
            result.Add(Row(null, null, mine.Select(m => m.Row.StepRunId).ToHashSet()));
            foreach (var step in mine.GroupBy(m => (m.Row.StepVersionId, m.Row.StepKey, m.Row.StepNumber)).OrderBy(g => g.Key.StepKey).ThenBy(g => g.Key.StepNumber))
            {
                result.Add(Row(step.Key.StepKey, step.Key.StepNumber, step.Select(m => m.Row.StepRunId).ToHashSet()));
            }
        }
        return result;
    }
}
