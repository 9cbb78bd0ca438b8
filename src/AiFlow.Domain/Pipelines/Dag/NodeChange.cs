namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>A node present in both versions whose meaning differs, naming the fields that changed.</summary>
public sealed record NodeChange(string Key, IReadOnlyList<string> Fields);
