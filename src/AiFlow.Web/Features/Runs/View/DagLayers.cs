using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>A minimal layered layout: a node's layer is its longest distance from a root; nodes keep DAG order within a layer.</summary>
public static class DagLayers
{
    public sealed record Placed(string Key, int Layer, int Row);

    public static IReadOnlyList<Placed> Layout(IReadOnlyList<DagNode> nodes)
    {
        var byKey = nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string key, int guard)
        {
            if (depth.TryGetValue(key, out var known)) return known;
            // A published DAG is acyclic; the guard only keeps a corrupt one from recursing forever.
            var d = guard > nodes.Count || !byKey.TryGetValue(key, out var node) ? 0
                : node.DependsOn.Where(byKey.ContainsKey).Select(p => Depth(p, guard + 1) + 1).DefaultIfEmpty(0).Max();
            depth[key] = d;
            return d;
        }
        var rows = new Dictionary<int, int>();
        return [.. nodes.Select(n =>
        {
            var layer = Depth(n.Key, 0);
            var row = rows.GetValueOrDefault(layer);
            rows[layer] = row + 1;
            return new Placed(n.Key, layer, row);
        })];
    }
}
