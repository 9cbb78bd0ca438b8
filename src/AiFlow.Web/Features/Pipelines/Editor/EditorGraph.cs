using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Web.Features.Pipelines.Authoring;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>Translates between the domain DAG (+ layout) that Blazor owns and the graph the island draws.</summary>
public static class EditorGraph
{
    public static CanvasGraph ToCanvas(PipelineDag dag, DagLayout layout, AuthoringCatalog catalog)
    {
        var nodes = dag.Nodes.Select((n, i) =>
        {
            var at = layout.Positions.TryGetValue(n.Key, out var p) ? p : new NodePosition(80 + (i % 4 * 240), 60 + (i / 4 * 140));
            var step = catalog.Step(n.StepVersionId);
            return new CanvasNode(n.Key, n.StepVersionId, step?.Label ?? "unknown step", at.X, at.Y, step?.OutputType, NodeBadges.Of(n));
        }).ToList();
        return new CanvasGraph(nodes, DagEdge.Of(dag).Select(e => new CanvasEdge(e.Source, e.Target)).ToList());
    }

    /// <summary>
    /// Applies what the island reports: nodes kept keep their policy, new nodes start with defaults, removed nodes go,
    /// and every node's dependsOn is rebuilt from the edges.
    /// </summary>
    public static (PipelineDag Dag, DagLayout Layout) Merge(PipelineDag current, CanvasGraph canvas)
    {
        var existing = new Dictionary<string, DagNode>(StringComparer.Ordinal);
        foreach (var node in current.Nodes) existing.TryAdd(node.Key, node);
        var dag = new PipelineDag();
        var layout = new DagLayout();
        foreach (var drawn in canvas.Nodes)
        {
            var node = existing.TryGetValue(drawn.Key, out var kept) ? kept : new DagNode { Key = drawn.Key, StepVersionId = drawn.StepVersionId };
            node.DependsOn = canvas.Edges.Where(e => e.Target == drawn.Key).Select(e => e.Source).Distinct(StringComparer.Ordinal).ToList();
            dag.Nodes.Add(node);
            layout.Positions[drawn.Key] = new NodePosition(drawn.X, drawn.Y);
        }
        return (dag, layout);
    }

    /// <summary>Asks the domain validator whether adding (or moving) an edge keeps the graph acyclic; the refusal names the cycle.</summary>
    public static string? CheckEdge(PipelineDag dag, string source, string target, string? replacingSource, string? replacingTarget)
    {
        if (source == target) return $"Node '{source}' cannot depend on itself.";
        var trial = new PipelineDag
        {
            Nodes = dag.Nodes.Select(n => new DagNode { Key = n.Key, StepVersionId = n.StepVersionId, DependsOn = [.. n.DependsOn] }).ToList(),
        };
        if (replacingSource is not null && replacingTarget is not null)
        {
            trial.Nodes.FirstOrDefault(n => n.Key == replacingTarget)?.DependsOn.Remove(replacingSource);
        }
        var node = trial.Nodes.FirstOrDefault(n => n.Key == target);
        if (node is null || trial.Nodes.All(n => n.Key != source)) return "Both ends of an edge must be nodes of this pipeline.";
        if (!node.DependsOn.Contains(source)) node.DependsOn.Add(source);
        var cycle = DagValidator.Validate(trial).Issues.FirstOrDefault(i => i.Kind is DagIssueKind.Cycle or DagIssueKind.SelfDependency);
        return cycle is null ? null : $"Refused: {cycle.Message}";
    }
}
