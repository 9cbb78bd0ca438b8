using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>A metric an evaluation computes per case: its library function and parameters, its profile target if any, and how it aggregates.</summary>
internal sealed record EvaluationMetricSpec(EvaluationMetric Metric, MetricFunction Function, JsonObject Parameters, double? Target);
