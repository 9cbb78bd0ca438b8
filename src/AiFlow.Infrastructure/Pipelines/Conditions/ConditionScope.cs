namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// What a node's condition may name: the nodes upstream of it (their IR and metrics) and, per node, its known metric keys.
/// A node with no metric list accepts the built-in metrics only.
/// </summary>
public sealed record ConditionScope(IReadOnlySet<string> UpstreamNodes, IReadOnlyDictionary<string, IReadOnlySet<string>> MetricsByNode)
{
    public static readonly IReadOnlySet<string> BuiltInMetrics =
        new HashSet<string>(StringComparer.Ordinal) { "latency_ms", "tokens_in", "tokens_out", "cost_usd", "schema_valid" };

    public bool KnowsMetric(string node, string metric) =>
        BuiltInMetrics.Contains(metric) || (MetricsByNode.TryGetValue(node, out var known) && known.Contains(metric));
}
