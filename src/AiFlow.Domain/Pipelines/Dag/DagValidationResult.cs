namespace AiFlow.Domain.Pipelines.Dag;

public sealed record DagValidationResult(IReadOnlyList<DagIssue> Issues, IReadOnlyList<string> TopologicalOrder)
{
    public bool IsValid => Issues.Count == 0;
}
