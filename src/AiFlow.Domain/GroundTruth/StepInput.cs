using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Domain.GroundTruth;

/// <summary>
/// The input a step actually read: the pipeline input and the IR of every node upstream of it, transitively. A ground-truth
/// example stores this, so any version of the step can be re-run on it alone, and its reference is the hash of it, so a
/// step's output is compared with the truth for exactly what it read.
/// </summary>
public static class StepInput
{
    public static JsonObject Compose(JsonNode? pipelineInput, IEnumerable<KeyValuePair<string, JsonNode?>> upstreamIr)
    {
        var ir = new JsonObject();
        foreach (var (node, value) in upstreamIr.OrderBy(p => p.Key, StringComparer.Ordinal)) ir[node] = value?.DeepClone();
        return new JsonObject { ["input"] = pipelineInput?.DeepClone(), ["ir"] = ir };
    }

    /// <summary>The nodes that run before <paramref name="nodeKey"/>: its dependencies and theirs.</summary>
    public static IReadOnlySet<string> Ancestors(PipelineDag dag, string nodeKey)
    {
        var byKey = new Dictionary<string, DagNode>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes) byKey.TryAdd(node.Key, node);
        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(byKey.TryGetValue(nodeKey, out var start) ? start.DependsOn : []);
        while (pending.Count > 0)
        {
            var key = pending.Pop();
            if (key == nodeKey || !ancestors.Add(key) || !byKey.TryGetValue(key, out var upstream)) continue;
            foreach (var dep in upstream.DependsOn) pending.Push(dep);
        }
        return ancestors;
    }

    /// <summary>The pipeline input of a stored step input (the whole document when it predates step inputs).</summary>
    public static JsonNode? PipelineInputOf(JsonNode? stepInput) =>
        stepInput is JsonObject o && o.Count == 2 && o.ContainsKey("input") && o["ir"] is JsonObject ? o["input"] : stepInput;

    /// <summary>The upstream IR of a stored step input, by node key (empty when it has none).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> UpstreamIrOf(JsonNode? stepInput) =>
        stepInput is JsonObject o && o.Count == 2 && o.ContainsKey("input") && o["ir"] is JsonObject ir
            ? ir.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
}
