using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>A metric definition as an Admin writes it; <see cref="ParametersJson"/> is the text typed, checked on save.</summary>
public sealed record MetricDefinitionInput(
    string Key,
    string Name,
    string? Unit,
    MetricDirection Direction,
    string? Description,
    string Function,
    string ParametersJson,
    MetricAggregation Aggregation);
