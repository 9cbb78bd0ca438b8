namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>One reason a graph cannot be published, with the nodes the editor highlights.</summary>
public sealed record EditorIssue(string Message, IReadOnlyList<string> Nodes);
