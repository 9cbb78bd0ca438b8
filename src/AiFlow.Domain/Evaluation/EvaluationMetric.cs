using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Evaluation;

/// <summary>A metric an evaluation aggregates: its key, how its per-case values combine, and which way is better.</summary>
public sealed record EvaluationMetric(string Key, MetricAggregation Aggregation, MetricDirection Direction);
