namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>Compares two DAGs by node key: added, removed and changed nodes, and added and removed edges.</summary>
public static class DagDiff
{
    public static DagDiffResult Compare(PipelineDag before, PipelineDag after)
    {
        var old = ByKey(before);
        var now = ByKey(after);

        var added = now.Keys.Where(k => !old.ContainsKey(k)).ToList();
        var removed = old.Keys.Where(k => !now.ContainsKey(k)).ToList();
        var changed = now.Keys.Where(old.ContainsKey)
            .Select(k => new NodeChange(k, ChangedFields(old[k], now[k])))
            .Where(c => c.Changes.Count > 0)
            .ToList();

        var oldEdges = DagEdge.Of(before).ToHashSet();
        var newEdges = DagEdge.Of(after).ToHashSet();
        return new DagDiffResult(added, removed, changed,
            DagEdge.Of(after).Distinct().Where(e => !oldEdges.Contains(e)).ToList(),
            DagEdge.Of(before).Distinct().Where(e => !newEdges.Contains(e)).ToList());
    }

    // First node wins on duplicate keys: the validator reports duplicates, the diff only has to stay total.
    private static Dictionary<string, DagNode> ByKey(PipelineDag dag)
    {
        var map = new Dictionary<string, DagNode>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes) map.TryAdd(node.Key, node);
        return map;
    }

    private static List<FieldChange> ChangedFields(DagNode a, DagNode b)
    {
        var changes = new List<FieldChange>();
        void Add(string field, string? old, string? now) => changes.Add(new FieldChange(field, old, now));
        if (a.StepVersionId != b.StepVersionId) Add(nameof(DagNode.StepVersionId), a.StepVersionId.ToString(), b.StepVersionId.ToString());
        var oldDeps = a.DependsOn.Order(StringComparer.Ordinal).ToList();
        var newDeps = b.DependsOn.Order(StringComparer.Ordinal).ToList();
        if (!oldDeps.SequenceEqual(newDeps, StringComparer.Ordinal)) Add(nameof(DagNode.DependsOn), List(oldDeps), List(newDeps));
        if (!string.Equals(Normalise(a.Condition), Normalise(b.Condition), StringComparison.Ordinal)) Add(nameof(DagNode.Condition), Normalise(a.Condition), Normalise(b.Condition));
        if (a.Retries != b.Retries) Add(nameof(DagNode.Retries), Invariant(a.Retries), Invariant(b.Retries));
        if (a.TimeoutMs != b.TimeoutMs) Add(nameof(DagNode.TimeoutMs), Invariant(a.TimeoutMs), Invariant(b.TimeoutMs));
        if (a.ContinueOnFail != b.ContinueOnFail) Add(nameof(DagNode.ContinueOnFail), a.ContinueOnFail ? "true" : "false", b.ContinueOnFail ? "true" : "false");
        if (!string.Equals(Normalise(a.ParallelGroup), Normalise(b.ParallelGroup), StringComparison.Ordinal)) Add(nameof(DagNode.ParallelGroup), Normalise(a.ParallelGroup), Normalise(b.ParallelGroup));
        if (a.MetricProfileId != b.MetricProfileId) Add(nameof(DagNode.MetricProfileId), a.MetricProfileId?.ToString(), b.MetricProfileId?.ToString());
        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(a.Params, b.Params)) Add(nameof(DagNode.Params), a.Params?.ToJsonString(), b.Params?.ToJsonString());
        return changes;
    }

    private static string? List(List<string> keys) => keys.Count == 0 ? null : string.Join(", ", keys);

    private static string? Invariant(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
