namespace AiFlow.Web.Features.Datasets;

/// <summary><c>POST /api/datasets</c>: <c>{"scope": {"step": key} | {"pipeline": key}, "tag"?: "smoke", "note"?: "..."}</c>.</summary>
public sealed record SnapshotBody(SnapshotScopeBody? Scope, string? Tag, string? Note);

/// <summary>The step or the pipeline whose examples to snapshot: exactly one of the two.</summary>
public sealed record SnapshotScopeBody(string? Step, string? Pipeline);
