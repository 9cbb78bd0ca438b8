namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>
/// One field of a node, before and after, as invariant text (null: not set). Ids stay ids here; the console names the
/// step version or metric profile they point to.
/// </summary>
public sealed record FieldChange(string Field, string? Old, string? New);
