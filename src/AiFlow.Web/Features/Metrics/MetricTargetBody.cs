namespace AiFlow.Web.Features.Metrics;

/// <summary>One target in a profile body: the metric, its target (null for none) and its weight (1 when left out).</summary>
public sealed record MetricTargetBody(string? MetricKey, double? Target, double? Weight);
