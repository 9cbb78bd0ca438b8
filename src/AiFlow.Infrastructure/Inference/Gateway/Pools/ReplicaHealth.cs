namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>What the health page shows of one replica on this node.</summary>
public sealed record ReplicaHealth(ReplicaKey Key, string EndpointName, string BaseUrl, int Weight, int MaxConcurrency, int InFlight, long Served,
    double? P50Ms, bool Healthy, string? LastError, DateTimeOffset? LastErrorAt);
