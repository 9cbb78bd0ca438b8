using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>
/// The routing strategies as pure functions over <see cref="ReplicaCandidate"/>s not yet tried by the call. A pick is
/// a free replica; null means every replica the strategy would use is busy, so the call waits in the pool's queue.
/// </summary>
public static class ReplicaSelector
{
    /// <summary>Latency-based routing leaves out replicas whose p50 is more than this many times the best one's.</summary>
    public const double LatencyBand = 2.0;

    /// <param name="waitingAhead">Calls queued before this one: latency-based routing weighs the wait they mean.</param>
    public static ReplicaCandidate? Pick(string strategy, IReadOnlyList<ReplicaCandidate> candidates, int waitingAhead = 0)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var usable = Usable(candidates);
        if (usable.Count == 0) return null;
        return strategy switch
        {
            RoutingStrategy.LeastBusy => LeastBusy(usable.Where(c => c.Free)),
            RoutingStrategy.LatencyBased => Fastest(usable, waitingAhead),
            RoutingStrategy.CostBased => FirstInChain(usable.OrderBy(c => c.Price).ThenBy(c => c.ChainPosition).ToList()),
            _ => FirstInChain(usable),
        };
    }

    /// <summary>Healthy replicas (or due for a probe); when none is, all of them, so a route never refuses without trying.</summary>
    private static List<ReplicaCandidate> Usable(IReadOnlyList<ReplicaCandidate> candidates)
    {
        var available = candidates.Where(c => c.Available).ToList();
        return available.Count > 0 ? available : [.. candidates];
    }

    /// <summary>
    /// Ordered (and cost-based, over the chain sorted by price): only the first endpoint still to try, as the fallback
    /// chain always did: a busy endpoint makes the call wait, a failed one walks on. Its replicas share calls by weight.
    /// </summary>
    private static ReplicaCandidate? FirstInChain(List<ReplicaCandidate> ordered)
    {
        var head = ordered[0];
        return ByWeight(ordered.Where(c => c.ChainPosition == head.ChainPosition && c.Key.EndpointId == head.Key.EndpointId && c.Free));
    }

    private static ReplicaCandidate? ByWeight(IEnumerable<ReplicaCandidate> free) =>
        free.OrderBy(c => (c.Served + 1.0) / Math.Max(1, c.Weight)).ThenBy(c => c.Key.Index).FirstOrDefault();

    private static ReplicaCandidate? LeastBusy(IEnumerable<ReplicaCandidate> free) =>
        free.OrderBy(c => c.Load).ThenByDescending(c => c.Weight).ThenBy(c => c.ChainPosition).ThenBy(c => c.Key.Index).FirstOrDefault();

    /// <summary>
    /// A replica without a p50 yet is tried first (it has to be measured once); then the lowest p50 among those within
    /// <see cref="LatencyBand"/> of the best. A free replica outside the band is taken only when waiting for the band
    /// would take longer: the calls ahead drain through the band's slots at their p50, so a call deep in a long queue
    /// finishes sooner on a slow free replica than behind them, while the head of the queue waits for a fast one.
    /// </summary>
    private static ReplicaCandidate? Fastest(IReadOnlyList<ReplicaCandidate> usable, int waitingAhead)
    {
        var unmeasured = LeastBusy(usable.Where(c => c.P50Ms is null && c.Free));
        if (unmeasured is not null) return unmeasured;
        var measured = usable.Where(c => c.P50Ms is not null).ToList();
        if (measured.Count == 0) return null;
        var best = measured.Min(c => c.P50Ms!.Value);
        var bandLimit = Math.Max(best * LatencyBand, best + 1);
        var fastest = usable.Where(c => c.Free && c.P50Ms is not null)
            .OrderBy(c => c.P50Ms).ThenBy(c => c.Load).ThenBy(c => c.ChainPosition).ThenBy(c => c.Key.Index).FirstOrDefault();
        if (fastest is null) return null;
        if (fastest.P50Ms <= bandLimit) return fastest;
        // Slots per millisecond the band frees; this call's turn comes after everyone ahead of it has had one.
        var bandRate = measured.Where(c => c.P50Ms <= bandLimit).Sum(c => c.MaxConcurrency / Math.Max(1, c.P50Ms!.Value));
        var expectedWait = (waitingAhead + 1) / bandRate;
        return fastest.P50Ms <= best + expectedWait ? fastest : null;
    }
}
