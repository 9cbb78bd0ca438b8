using System.Globalization;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>What got worse between a step's previous scheduled evaluation and this one: each metric that moved the wrong way by more than the tolerance.</summary>
internal static class RegressionCheck
{
    public static string? Describe(IReadOnlyList<EvaluationAggregate> previous, IReadOnlyList<EvaluationAggregate> current, double tolerance)
    {
        var worse = new List<string>();
        foreach (var now in current)
        {
            if (now.Candidate is not { } value || previous.FirstOrDefault(p => p.Metric == now.Metric)?.Candidate is not { } before) continue;
            var drop = now.Direction == MetricDirection.HigherIsBetter ? before - value : value - before;
            if (drop > tolerance) worse.Add(string.Create(CultureInfo.InvariantCulture, $"{now.Metric} {before:0.###} → {value:0.###}"));
        }
        return worse.Count == 0 ? null : string.Join(", ", worse);
    }
}
