using AiFlow.Domain.Metrics;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>A metric profile as an Admin writes it: which metrics a node evaluates, each with its target and weight.</summary>
public sealed record MetricProfileInput(string Key, string Name, IReadOnlyList<MetricTarget> Targets);
