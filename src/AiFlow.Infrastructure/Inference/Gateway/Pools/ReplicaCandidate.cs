namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>
/// What a strategy knows about one replica at the moment of choosing: where its endpoint sits in the route's chain, its
/// price, share and load, its moving p50 (null before its first answer) and whether it may be used (healthy, or due
/// for a probe).
/// </summary>
public sealed record ReplicaCandidate(
    ReplicaKey Key,
    int ChainPosition,
    decimal Price,
    int Weight,
    int MaxConcurrency,
    int InFlight,
    long Served,
    double? P50Ms,
    bool Available)
{
    public bool Free => InFlight < MaxConcurrency;

    /// <summary>In flight relative to concurrency, the least-busy measure.</summary>
    public double Load => (double)InFlight / Math.Max(1, MaxConcurrency);
}
