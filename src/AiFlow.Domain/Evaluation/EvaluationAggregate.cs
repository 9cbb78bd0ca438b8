using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Evaluation;

/// <summary>
/// One metric over an evaluation's cases: the candidate's and the baseline's aggregate, each with its 95 % bootstrap
/// interval and the number of cases it applied to, the delta (candidate − baseline) and the per-case wins, losses and ties.
/// For a judge's metric, the cases where the judge failed or answered badly are counted apart (<see cref="CandidateErrored"/>,
/// <see cref="BaselineErrored"/>), in none of the other figures.
/// </summary>
public sealed record EvaluationAggregate(
    string Metric, MetricAggregation Aggregation, MetricDirection Direction,
    double? Candidate, double? CandidateLow, double? CandidateHigh, int CandidateCases,
    double? Baseline, double? BaselineLow, double? BaselineHigh, int BaselineCases,
    double? Delta, int Wins, int Losses, int Ties, int CandidateErrored = 0, int BaselineErrored = 0);
