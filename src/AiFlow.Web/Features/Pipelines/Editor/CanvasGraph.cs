namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>What the island draws and reports: nodes with positions, and edges (target depends on source).</summary>
public sealed record CanvasGraph(List<CanvasNode> Nodes, List<CanvasEdge> Edges);

/// <summary>
/// A drawn node; <paramref name="OutputType"/> is the IR schema its output port carries (null: any JSON), and
/// <paramref name="Badges"/> its policy as drawn (sent to the island, never read back from it).
/// </summary>
public sealed record CanvasNode(string Key, Guid StepVersionId, string StepLabel, double X, double Y, string? OutputType = null, NodeBadges? Badges = null);

public sealed record CanvasEdge(string Source, string Target);
