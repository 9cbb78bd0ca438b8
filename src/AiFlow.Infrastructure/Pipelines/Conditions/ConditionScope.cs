namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// What a node's condition may name: the nodes upstream of it (their IR and metrics) and, per node, the metric keys of
/// its profile. The engine computes exactly those, so a metric outside the profile could never be read and is refused.
/// </summary>
public sealed record ConditionScope(IReadOnlySet<string> UpstreamNodes, IReadOnlyDictionary<string, IReadOnlySet<string>> MetricsByNode)
{
    public bool KnowsMetric(string node, string metric) => MetricsByNode.TryGetValue(node, out var known) && known.Contains(metric);
}
