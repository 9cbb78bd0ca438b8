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
            .Where(c => c.Fields.Count > 0)
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

    private static List<string> ChangedFields(DagNode a, DagNode b)
    {
        var fields = new List<string>();
        if (a.StepVersionId != b.StepVersionId) fields.Add(nameof(DagNode.StepVersionId));
        if (!a.DependsOn.Order(StringComparer.Ordinal).SequenceEqual(b.DependsOn.Order(StringComparer.Ordinal), StringComparer.Ordinal)) fields.Add(nameof(DagNode.DependsOn));
        if (!string.Equals(Normalise(a.Condition), Normalise(b.Condition), StringComparison.Ordinal)) fields.Add(nameof(DagNode.Condition));
        if (a.Retries != b.Retries) fields.Add(nameof(DagNode.Retries));
        if (a.TimeoutMs != b.TimeoutMs) fields.Add(nameof(DagNode.TimeoutMs));
        if (a.ContinueOnFail != b.ContinueOnFail) fields.Add(nameof(DagNode.ContinueOnFail));
        if (!string.Equals(Normalise(a.ParallelGroup), Normalise(b.ParallelGroup), StringComparison.Ordinal)) fields.Add(nameof(DagNode.ParallelGroup));
        if (a.MetricProfileId != b.MetricProfileId) fields.Add(nameof(DagNode.MetricProfileId));
        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(a.Params, b.Params)) fields.Add(nameof(DagNode.Params));
        return fields;
    }

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
