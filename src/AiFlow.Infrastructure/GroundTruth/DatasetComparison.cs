namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>Two dataset versions of one scope compared by example: added, removed, changed (a newer version of the example) and unchanged.</summary>
public sealed record DatasetComparison(int From, int To, IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed, IReadOnlyList<Guid> Changed, int Unchanged);
