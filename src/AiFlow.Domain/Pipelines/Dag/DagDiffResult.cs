namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>What changed from one DAG to another; layout (positions) is not meaning and never appears here.</summary>
public sealed record DagDiffResult(
    IReadOnlyList<string> AddedNodes,
    IReadOnlyList<string> RemovedNodes,
    IReadOnlyList<NodeChange> ChangedNodes,
    IReadOnlyList<DagEdge> AddedEdges,
    IReadOnlyList<DagEdge> RemovedEdges)
{
    public bool IsEmpty => AddedNodes.Count + RemovedNodes.Count + ChangedNodes.Count + AddedEdges.Count + RemovedEdges.Count == 0;
}
