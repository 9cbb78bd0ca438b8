namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>A node present in both versions whose meaning differs: each changed field with its old and new value.</summary>
public sealed record NodeChange(string Key, IReadOnlyList<FieldChange> Changes)
{
    /// <summary>The names of the changed fields, in the order <see cref="DagDiff"/> compares them.</summary>
    public IReadOnlyList<string> Fields => [.. Changes.Select(c => c.Field)];
}
