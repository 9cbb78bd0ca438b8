namespace AiFlow.Domain.Retrieval.Search;

/// <summary>One item after fusion: its fused score and its rank (from 1) in each input ranking, null where it was absent.</summary>
public sealed record FusedRank<TId>(TId Id, double Score, IReadOnlyList<int?> Ranks);
