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
    /// first, when asked; narrowed to a tag and to wins, losses, ties or errors. Filtering and sorting read only the
    /// metrics and tags; the JSON documents (IRs, inputs, details) are read for the page alone, so a page of a
    /// 1,000-case evaluation does not carry every case's documents.
    /// </summary>
    public async Task<(List<EvaluationCaseRow> Rows, int Total)> CasesAsync(Guid id, string? metric, EvaluationCaseFilter filter, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var evaluation = await db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (evaluation is null) return ([], 0);
        var results = await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == id)
            .Select(r => new { r.GroundTruthExampleId, r.Side, r.Errored, r.Error, r.Metrics }).ToListAsync(cancellationToken);
        var examples = results.Select(r => r.GroundTruthExampleId).Distinct().ToList();
        var tags = await db.GroundTruthExamples.AsNoTracking().Where(e => examples.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Tags, cancellationToken);
        var key = metric ?? evaluation.Aggregates.FirstOrDefault()?.Metric;
        var measure = evaluation.Aggregates.FirstOrDefault(a => a.Metric == key);
        var cases = results.GroupBy(r => r.GroundTruthExampleId).Select(g =>
        {
            var candidate = g.FirstOrDefault(r => r.Side == EvaluationSide.Candidate);
            var baseline = g.FirstOrDefault(r => r.Side == EvaluationSide.Baseline);
            var delta = measure is null ? null
                : EvaluationScoring.CaseDelta(new EvaluationMetric(measure.Metric, measure.Aggregation, measure.Direction), candidate?.Metrics, baseline?.Metrics);
            return new EvaluationCaseRow(g.Key, tags.GetValueOrDefault(g.Key) ?? [], null, null, null, null, candidate?.Metrics ?? [], baseline?.Metrics,
                candidate?.Errored == true || baseline?.Errored == true, candidate?.Error ?? baseline?.Error, delta, null);
        });
        if (filter.Tag is { } tag) cases = cases.Where(r => r.Tags.Contains(tag));
        cases = filter.Outcome switch
        {
            "wins" => cases.Where(r => r.Delta > EvaluationScoring.TieTolerance),
            "losses" => cases.Where(r => r.Delta < -EvaluationScoring.TieTolerance),
            "ties" => cases.Where(r => r.Delta is { } d && Math.Abs(d) <= EvaluationScoring.TieTolerance),
            "errors" => cases.Where(r => r.Errored),
            _ => cases,
        };
        var list = filter.WorstFirst ? cases.OrderBy(r => r.Delta ?? double.MaxValue).ThenBy(r => r.ExampleId).ToList() : cases.OrderBy(r => r.ExampleId).ToList();
        return (await WithDocumentsAsync(db, id, [.. list.Skip(page * pageSize).Take(pageSize)], cancellationToken), list.Count);
    }

    /// <summary>Fills in the page's JSON documents: each side's IR, the candidate's metric details, and the example's input and expected IR.</summary>
    private static async Task<List<EvaluationCaseRow>> WithDocumentsAsync(AiFlowDbContext db, Guid id, List<EvaluationCaseRow> rows, CancellationToken cancellationToken)
    {
        var examples = rows.Select(r => r.ExampleId).ToList();
        var documents = (await db.EvaluationResults.AsNoTracking().Where(r => r.EvaluationRunId == id && examples.Contains(r.GroundTruthExampleId))
            .Select(r => new { r.GroundTruthExampleId, r.GroundTruthVersionId, r.Side, r.ActualIrJson, r.DetailsJson }).ToListAsync(cancellationToken))
            .ToDictionary(d => (d.GroundTruthExampleId, d.Side));
        var versions = documents.Values.Select(d => d.GroundTruthVersionId).Distinct().ToList();
        var truth = (await db.GroundTruthVersions.AsNoTracking().Where(v => versions.Contains(v.Id))
            .Select(v => new { v.GroundTruthExampleId, v.InputJson, v.ExpectedIrJson }).ToListAsync(cancellationToken))
            .DistinctBy(v => v.GroundTruthExampleId).ToDictionary(v => v.GroundTruthExampleId);
        return [.. rows.Select(r =>
        {
            var candidate = documents.GetValueOrDefault((r.ExampleId, EvaluationSide.Candidate));
            var t = truth.GetValueOrDefault(r.ExampleId);
            return r with
            {
                InputJson = t?.InputJson, ExpectedIrJson = t?.ExpectedIrJson, CandidateIrJson = candidate?.ActualIrJson,
                BaselineIrJson = documents.GetValueOrDefault((r.ExampleId, EvaluationSide.Baseline))?.ActualIrJson, CandidateDetailsJson = candidate?.DetailsJson,
            };
        })];
    }

    private static EvaluationRow Row(EvaluationRun e) => new(e.Id,
        $"{(e.TargetKind == EvaluationTargetKind.Step ? "step" : "pipeline")} {e.TargetKey} v{e.TargetVersion}",
        e.BaselineVersion is { } b ? $"v{b}" : null, e.DatasetNumber, e.Status, e.GatePassed, e.CasesDone, e.CasesTotal, e.CasesErrored,
        e.Aggregates, e.CreatedAt, e.FinishedAt, e.RequestedBy);
}
