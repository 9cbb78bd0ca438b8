using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// The runtime policy a node shows as badges on the canvas. It travels one way, C# to the island, for drawing only:
/// the island never reports it back, so policy is still owned by the page (ADR 0005).
/// </summary>
public sealed record NodeBadges(string? Condition, int Retries, int? TimeoutMs, bool ContinueOnFail)
{
    public static NodeBadges Of(DagNode node) =>
        new(string.IsNullOrWhiteSpace(node.Condition) ? null : node.Condition.Trim(), node.Retries, node.TimeoutMs, node.ContinueOnFail);
}
