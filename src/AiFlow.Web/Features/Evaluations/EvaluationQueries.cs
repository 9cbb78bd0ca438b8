using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>No-tracking reads of evaluations for the console and the API.</summary>
public sealed class EvaluationQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<(List<EvaluationRow> Rows, int Total)> PageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.EvaluationRuns.AsNoTracking();
        var total = await runs.CountAsync(cancellationToken);
        var rows = await runs.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return ([.. rows.Select(Row)], total);
    }

    public async Task<EvaluationRun?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    /// <summary>
    /// A page of an evaluation's cases, candidate beside baseline: the expected IR, each side's output and metrics, and
    /// the case's delta on <paramref name="metric"/> (positive = the candidate did better). Sorted by that delta, worst
    /// first, when asked; narrowed to a tag and to wins, losses, ties or errors.
    /// </summary>
    public async Task<(List<EvaluationCaseRow> Rows, int Total)> CasesAsync(Guid id, string? metric, EvaluationCaseFilter filter, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var evaluation = await db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (evaluation is null) return ([], 0);
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == id).ToListAsync(cancellationToken);
        var examples = results.Select(r => r.GroundTruthExampleId).Distinct().ToList();
        var versions = results.Select(r => r.GroundTruthVersionId).Distinct().ToList();
        var truth = await (from e in db.GroundTruthExamples
                           join v in db.GroundTruthVersions on e.Id equals v.GroundTruthExampleId
                           where examples.Contains(e.Id) && versions.Contains(v.Id)
                           select new { e.Id, e.Tags, v.InputJson, v.ExpectedIrJson }).AsNoTracking().ToDictionaryAsync(x => x.Id, cancellationToken);
        var key = metric ?? evaluation.Aggregates.FirstOrDefault()?.Metric;
        var measure = evaluation.Aggregates.FirstOrDefault(a => a.Metric == key);
        var rows = results.GroupBy(r => r.GroundTruthExampleId).Select(g =>
        {
            var candidate = g.FirstOrDefault(r => r.Side == EvaluationSide.Candidate);
            var baseline = g.FirstOrDefault(r => r.Side == EvaluationSide.Baseline);
            var t = truth.GetValueOrDefault(g.Key);
            var delta = measure is null ? null
                : EvaluationScoring.CaseDelta(new EvaluationMetric(measure.Metric, measure.Aggregation, measure.Direction), candidate?.Metrics, baseline?.Metrics);
            return new EvaluationCaseRow(g.Key, t?.Tags ?? [], t?.InputJson, t?.ExpectedIrJson, candidate?.ActualIrJson, baseline?.ActualIrJson,
                candidate?.Metrics ?? [], baseline?.Metrics, candidate?.Errored == true || baseline?.Errored == true,
                candidate?.Error ?? baseline?.Error, delta, candidate?.DetailsJson);
        });
        if (filter.Tag is { } tag) rows = rows.Where(r => r.Tags.Contains(tag));
        rows = filter.Outcome switch
        {
            "wins" => rows.Where(r => r.Delta > EvaluationScoring.TieTolerance),
            "losses" => rows.Where(r => r.Delta < -EvaluationScoring.TieTolerance),
            "ties" => rows.Where(r => r.Delta is { } d && Math.Abs(d) <= EvaluationScoring.TieTolerance),
            "errors" => rows.Where(r => r.Errored),
            _ => rows,
        };
        var list = filter.WorstFirst ? rows.OrderBy(r => r.Delta ?? double.MaxValue).ThenBy(r => r.ExampleId).ToList() : rows.OrderBy(r => r.ExampleId).ToList();
        return ([.. list.Skip(page * pageSize).Take(pageSize)], list.Count);
    }

    private static EvaluationRow Row(EvaluationRun e) => new(e.Id,
        $"{(e.TargetKind == EvaluationTargetKind.Step ? "step" : "pipeline")} {e.TargetKey} v{e.TargetVersion}",
        e.BaselineVersion is { } b ? $"v{b}" : null, e.DatasetNumber, e.Status, e.GatePassed, e.CasesDone, e.CasesTotal, e.CasesErrored,
        e.Aggregates, e.CreatedAt, e.FinishedAt, e.RequestedBy);


}
