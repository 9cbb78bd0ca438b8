namespace AiFlow.Domain.Retrieval.Search;

/// <summary>
/// Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, 2009): an item's score is Σ 1 ÷ (k + rank) over the rankings
/// that hold it, ranks counted from 1. Only ranks are used, so a cosine distance and a ts_rank_cd score, which live on
/// unrelated scales, fuse without calibration; k = 60 (the paper's and pgvector's hybrid example's) keeps a single
/// first place from outweighing agreement between rankers.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    /// <summary>
    /// Fuses <paramref name="rankings"/> (each best first; an id repeated within one ranking counts at its first place).
    /// Ties in score go to the item with the better best rank, then to the earlier ranking's order, so the result is
    /// deterministic.
    /// </summary>
    public static IReadOnlyList<FusedRank<TId>> Fuse<TId>(IReadOnlyList<IReadOnlyList<TId>> rankings, int k = DefaultK) where TId : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var ranks = new Dictionary<TId, int?[]>();
        var firstSeen = new List<TId>();
        for (var r = 0; r < rankings.Count; r++)
        {
            var ranking = rankings[r];
            for (var i = 0; i < ranking.Count; i++)
            {
                if (!ranks.TryGetValue(ranking[i], out var itemRanks))
                {
                    itemRanks = new int?[rankings.Count];
                    ranks.Add(ranking[i], itemRanks);
                    firstSeen.Add(ranking[i]);
                }
                itemRanks[r] ??= i + 1;
            }
        }

        return [.. firstSeen
            .Select((id, order) => (Item: new FusedRank<TId>(id, ranks[id].Sum(rank => rank is { } at ? 1.0 / (k + at) : 0), ranks[id]), Order: order))
            .OrderByDescending(x => x.Item.Score)
            .ThenBy(x => x.Item.Ranks.Min(rank => rank ?? int.MaxValue))
            .ThenBy(x => x.Order)
            .Select(x => x.Item)];
    }
}
