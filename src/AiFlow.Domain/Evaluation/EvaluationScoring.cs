using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Evaluation;

/// <summary>
/// Turns per-case metric values into an evaluation's aggregates. For each metric and side: the aggregate over the cases
/// where the metric applied, with a 95 % percentile-bootstrap interval (1,000 resamples, fixed seed, so a result reads the
/// same every time); the delta is candidate − baseline. A case counts as a win when both sides have a value and the
/// candidate's is better by more than <see cref="TieTolerance"/> in the metric's direction, a loss when worse, else a tie.
/// </summary>
public static class EvaluationScoring
{
    public const double TieTolerance = 1e-9;

    public static IReadOnlyList<EvaluationAggregate> Aggregate(
        IReadOnlyList<EvaluationMetric> metrics,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, double?>> candidate,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, double?>> baseline)
    {
        var result = new List<EvaluationAggregate>(metrics.Count);
        foreach (var metric in metrics)
        {
            var c = Values(candidate, metric.Key);
            var b = Values(baseline, metric.Key);
            var (cValue, cLow, cHigh) = Summary(c, metric.Aggregation);
            var (bValue, bLow, bHigh) = Summary(b, metric.Aggregation);
            int wins = 0, losses = 0, ties = 0;
            foreach (var (id, scores) in candidate)
            {
                if (CaseDelta(metric, scores, baseline.GetValueOrDefault(id)) is not { } delta) continue;
                if (delta > TieTolerance) wins++;
                else if (delta < -TieTolerance) losses++;
                else ties++;
            }
            result.Add(new EvaluationAggregate(metric.Key, metric.Aggregation, metric.Direction, cValue, cLow, cHigh, c.Count,
                bValue, bLow, bHigh, b.Count, cValue - bValue, wins, losses, ties));
        }
        return result;
    }

    /// <summary>How much better the candidate did on one case for this metric (positive is better, whatever the direction); null when a side lacks a value.</summary>
    public static double? CaseDelta(EvaluationMetric metric, IReadOnlyDictionary<string, double?>? candidate, IReadOnlyDictionary<string, double?>? baseline)
    {
        if (candidate?.GetValueOrDefault(metric.Key) is not { } c || baseline?.GetValueOrDefault(metric.Key) is not { } b) return null;
        return metric.Direction == MetricDirection.HigherIsBetter ? c - b : b - c;
    }

    private static List<double> Values(IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, double?>> cases, string key) =>
        [.. cases.OrderBy(p => p.Key).Select(p => p.Value.GetValueOrDefault(key)).Where(v => v is not null).Select(v => v!.Value)];

    private static (double? Value, double? Low, double? High) Summary(IReadOnlyList<double> values, MetricAggregation aggregation)
    {
        var value = MetricAggregator.Aggregate(values, aggregation);
        var interval = BootstrapInterval.Compute(values, aggregation);
        return (value, interval?.Low, interval?.High);
    }
}
