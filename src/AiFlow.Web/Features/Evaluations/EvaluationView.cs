using System.Globalization;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>An evaluation as <c>GET /api/evaluations/{id}</c> answers it: target, baseline, progress, one aggregate per metric and the gate's verdict.</summary>
/// <param name="CostUsd">A decimal string, so no client rounds a sub-cent cost through a double.</param>
public sealed record EvaluationView(Guid Id, EvaluationStatus Status, EvaluationTargetView Target, EvaluationVersionRef? Baseline, EvaluationVersionRef Dataset, string? Tag,
    EvaluationProgress Progress, IReadOnlyList<SkippedCase> Skipped, IReadOnlyList<EvaluationAggregateView> Aggregates, EvaluationGateView? Gate, string CostUsd,
    long TokensIn, long TokensOut, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? RequestedBy, string? Error)
{
    public static EvaluationView Of(EvaluationRun e) => new(e.Id, e.Status, new EvaluationTargetView(e.TargetKind, e.TargetKey, e.TargetVersion),
        e.BaselineVersion is { } b ? new EvaluationVersionRef(b) : null, new EvaluationVersionRef(e.DatasetNumber), e.Tag,
        new EvaluationProgress(e.CasesDone, e.CasesTotal, e.CasesErrored, e.Skipped.Count), e.Skipped,
        e.Aggregates.Select(a => EvaluationAggregateView.Of(a, e.BaselineVersion is not null)).ToList(),
        e.GatePassed is { } passed ? new EvaluationGateView(passed) : null, e.CostUsd.ToString("0.######", CultureInfo.InvariantCulture),
        e.TokensIn, e.TokensOut, e.CreatedAt, e.StartedAt, e.FinishedAt, e.RequestedBy, e.Error);
}

public sealed record EvaluationTargetView(EvaluationTargetKind Kind, string Key, int Version);

public sealed record EvaluationVersionRef(int Version);

public sealed record EvaluationProgress(int Done, int Total, int Errored, int Skipped);

public sealed record EvaluationGateView(bool Passed);

/// <param name="Baseline">Null when the evaluation had no baseline.</param>
public sealed record EvaluationAggregateView(string Metric, MetricAggregation Aggregation, MetricDirection Direction, EvaluationSideView Candidate,
    EvaluationSideView? Baseline, double? Delta, int Wins, int Losses, int Ties)
{
    public static EvaluationAggregateView Of(EvaluationAggregate a, bool hasBaseline) => new(a.Metric, a.Aggregation, a.Direction,
        new EvaluationSideView(a.Candidate, a.CandidateLow, a.CandidateHigh, a.CandidateCases, a.CandidateErrored),
        hasBaseline ? new EvaluationSideView(a.Baseline, a.BaselineLow, a.BaselineHigh, a.BaselineCases, a.BaselineErrored) : null,
        a.Delta, a.Wins, a.Losses, a.Ties);
}

/// <param name="Low">Lower bound of the bootstrap confidence interval.</param>
public sealed record EvaluationSideView(double? Value, double? Low, double? High, int Cases, int JudgeErrored);
