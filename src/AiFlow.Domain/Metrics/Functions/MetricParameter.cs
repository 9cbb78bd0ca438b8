namespace AiFlow.Domain.Metrics.Functions;

/// <summary>One parameter a metric function takes; the description says what it means and its default.</summary>
public sealed record MetricParameter(string Name, MetricParameterType Type, bool Required, string Description);
