namespace AiFlow.Domain.Metrics;

/// <summary>A metric in a profile; <see cref="Target"/> is a lower bound when higher is better, else an upper bound.</summary>
public sealed record MetricTarget(string MetricKey, double? Target, double Weight = 1.0);
