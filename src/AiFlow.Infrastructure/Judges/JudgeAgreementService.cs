using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// Measures each judge version against people on the same items: a step run that a judge metric scored and a reviewer
/// decided. A rating judge is compared with the reviewer's rating (scaled by the step version's rating scale), a
/// category judge with the first of the reviewer's labels that is one of its categories, else with the decision's name
/// (approve, reject, correct) when that is one. Where several reviewers decided an item, the first decision counts.
/// An item no reviewer decided counts from ground truth when its output is exactly (canonical JSON) the current expected IR
/// of its step for the same step input: people approved that output, so it is the top rating and the decision "approve".
/// A decided item counts once, from its decision (the ground truth it became would repeat it).
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
        var scored = await (from m in db.MetricResults.AsNoTracking()
                            where metricIds.Contains(m.MetricDefinitionId) && m.Value != null && m.DetailsJson != null
                            join s in db.StepRuns on m.StepRunId equals s.Id
                            join sv in db.StepVersions on s.StepVersionId equals sv.Id
                            select new
                            {
                                Step = s, m.PipelineRunId, Score = m.Value!.Value, m.DetailsJson, s.StepVersionId, sv.StepDefinitionId,
                                StepKey = sv.StepDefinition!.Key, StepNumber = sv.Number, sv.RatingScale,
                            }).ToListAsync(cancellationToken);
        var stepRunIds = scored.Select(r => r.Step.Id).Distinct().ToList();
        var decisions = (await db.HumanFeedback.AsNoTracking().Where(f => f.StepRunId != null && stepRunIds.Contains(f.StepRunId.Value)).OrderBy(f => f.CreatedAt)
                .Select(f => new { StepRunId = f.StepRunId!.Value, f.ReviewItemId, f.Rating, f.Labels, f.Decision }).ToListAsync(cancellationToken))
            .DistinctBy(f => f.StepRunId).ToDictionary(f => f.StepRunId);
        var approvedByTruth = await GroundTruthApprovedAsync(db,
            [.. scored.Where(r => !decisions.ContainsKey(r.Step.Id)).DistinctBy(r => r.Step.Id).Select(r => (r.Step, r.StepDefinitionId))], cancellationToken);
        var rows = scored.Where(r => decisions.ContainsKey(r.Step.Id) || approvedByTruth.Contains(r.Step.Id)).Select(r =>
        {
            var f = decisions.GetValueOrDefault(r.Step.Id);
            return new
            {
                StepRunId = r.Step.Id, r.PipelineRunId, r.Score, r.DetailsJson, f?.ReviewItemId,
                // Ground truth is an output people approved: the top rating, and the decision "approve".
                Rating = f is null ? r.RatingScale : f.Rating, Labels = f?.Labels ?? [], Decision = f?.Decision.ToString() ?? "approve",
                Source = f is null ? JudgeLabelSource.GroundTruth : JudgeLabelSource.Review,
                r.StepVersionId, r.StepKey, r.StepNumber, r.RatingScale,
            };
        }).ToList();
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
                            ?? version.Categories.FirstOrDefault(c => string.Equals(c, r.Decision, StringComparison.OrdinalIgnoreCase))
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
                        m.Row.ReviewItemId, m.Row.Score, m.Category, m.Row.Rating, m.Human, m.Row.Source))],
                    items.Count(m => m.Row.Source == JudgeLabelSource.GroundTruth && (m.Human is not null || version.Kind == JudgeKind.Rating && m.Row.RatingScale > 1)));
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

    /// <summary>
    /// Of the scored steps no reviewer decided, those whose output is the current ground truth of their step for the
    /// same step input (canonical JSON both): people approved exactly that output, so it counts as their approval.
    /// </summary>
    private static async Task<HashSet<Guid>> GroundTruthApprovedAsync(AiFlowDbContext db, IReadOnlyList<(StepRun Step, Guid StepDefinitionId)> undecided,
        CancellationToken cancellationToken)
    {
        var approved = new HashSet<Guid>();
        if (undecided.Count == 0) return approved;
        var stepDefinitionIds = undecided.Select(u => u.StepDefinitionId).Distinct().ToList();
        var truths = (await db.GroundTruthExamples.AsNoTracking()
                .Where(e => e.Scope == GroundTruthScope.Step && stepDefinitionIds.Contains(e.ScopeId) && !e.IsRetired)
                .SelectMany(e => e.Versions.Where(v => v.Number == e.CurrentVersionNumber && v.SchemaValid == true),
                    (e, v) => new { e.ScopeId, e.Reference, v.ExpectedIrJson })
                .ToListAsync(cancellationToken))
            .ToLookup(t => (t.ScopeId, t.Reference));
        if (truths.Count == 0) return approved;
        var ids = undecided.Select(u => u.Step.Id).ToList();
        var outputs = (await db.IrArtifacts.AsNoTracking().Where(a => ids.Contains(a.StepRunId))
                .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Select(a => new { a.StepRunId, a.IrJson }).ToListAsync(cancellationToken))
            .DistinctBy(a => a.StepRunId).ToDictionary(a => a.StepRunId, a => a.IrJson);
        foreach (var (step, stepDefinitionId) in undecided)
        {
            if (!outputs.TryGetValue(step.Id, out var output) || !CanonicalJson.TryCanonicalize(output, out var actual)) continue;
            var read = await StepInputReader.ReadAsync(db, step, cancellationToken);
            if (read is null) continue;
            var expected = truths[(stepDefinitionId, CanonicalJson.Sha256(read.StepInputJson))];
            if (expected.Any(t => CanonicalJson.TryCanonicalize(t.ExpectedIrJson, out var e) && e == actual)) approved.Add(step.Id);
        }
        return approved;
    }
}
