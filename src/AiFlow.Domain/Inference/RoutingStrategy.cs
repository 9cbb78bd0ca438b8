namespace AiFlow.Domain.Inference;

/// <summary>How a route picks among its endpoints and their replicas; the names are what the API and the database hold.</summary>
public static class RoutingStrategy
{
    /// <summary>The chain in order; the next endpoint only when one fails (the behaviour before pools).</summary>
    public const string Ordered = "ordered";

    /// <summary>The replica with the fewest calls in flight relative to its concurrency, across the whole chain.</summary>
    public const string LeastBusy = "least-busy";

    /// <summary>The replica with the lowest moving p50 latency; much slower replicas are left out while faster ones exist.</summary>
    public const string LatencyBased = "latency-based";

    /// <summary>The chain sorted cheapest first, then walked in order.</summary>
    public const string CostBased = "cost-based";

    public static readonly IReadOnlyList<string> All = [Ordered, LeastBusy, LatencyBased, CostBased];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
