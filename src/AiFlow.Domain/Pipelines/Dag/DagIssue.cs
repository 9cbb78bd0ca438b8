namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>One reason a DAG is refused, naming the nodes involved so the editor can highlight them.</summary>
public sealed record DagIssue(DagIssueKind Kind, string Message, IReadOnlyList<string> Nodes);
