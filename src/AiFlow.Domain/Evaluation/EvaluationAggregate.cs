using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Evaluation;

/// <summary>
/// One metric over an evaluation's cases: the candidate's and the baseline's aggregate, each with its 95 % bootstrap
/// interval and the number of cases it applied to, the delta (candidate − baseline) and the per-case wins, losses and ties.
/// </summary>
public sealed record EvaluationAggregate(
    string Metric, MetricAggregation Aggregation, MetricDirection Direction,
    double? Candidate, double? CandidateLow, double? CandidateHigh, int CandidateCases,
    double? Baseline, double? BaselineLow, double? BaselineHigh, int BaselineCases,
    double? Delta, int Wins, int Losses, int Ties);
