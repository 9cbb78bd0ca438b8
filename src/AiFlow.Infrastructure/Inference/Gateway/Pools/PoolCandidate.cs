using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>One replica a call may use: its endpoint, the replica's index and its endpoint's place in the route's chain.</summary>
public sealed record PoolCandidate(InferenceEndpoint Endpoint, int ReplicaIndex, int ChainPosition)
{
    public ReplicaKey Key => new(Endpoint.Id, ReplicaIndex);

    public string BaseUrl => ReplicaIndex == 0 ? Endpoint.BaseUrl : Endpoint.Replicas[ReplicaIndex - 1].BaseUrl;

    public int MaxConcurrency => Math.Max(1, ReplicaIndex == 0 ? Endpoint.MaxConcurrency : Endpoint.Replicas[ReplicaIndex - 1].MaxConcurrency);

    public int Weight => Math.Max(1, ReplicaIndex == 0 ? 1 : Endpoint.Replicas[ReplicaIndex - 1].Weight);

    /// <summary>The endpoint as this replica: its own base URL and concurrency, everything else (id, key, prices) shared.</summary>
    public InferenceEndpoint AsEndpoint()
    {
        if (ReplicaIndex == 0) return Endpoint;
        var replica = Endpoint.Replicas[ReplicaIndex - 1];
        return new InferenceEndpoint
        {
            Id = Endpoint.Id, Name = Endpoint.Name, Kind = Endpoint.Kind, Provider = Endpoint.Provider, BaseUrl = replica.BaseUrl,
            Model = Endpoint.Model, ApiKeyEnvVar = Endpoint.ApiKeyEnvVar, ApiKeySecret = Endpoint.ApiKeySecret, TimeoutMs = Endpoint.TimeoutMs,
            MaxConcurrency = replica.MaxConcurrency, PricePer1MInputTokens = Endpoint.PricePer1MInputTokens,
            PricePer1MOutputTokens = Endpoint.PricePer1MOutputTokens, PricePerGpuSecond = Endpoint.PricePerGpuSecond, Tags = Endpoint.Tags,
            Enabled = Endpoint.Enabled, IsSimulator = Endpoint.IsSimulator, FetchesMediaUrls = Endpoint.FetchesMediaUrls, Version = Endpoint.Version,
        };
    }

    /// <summary>Every replica of every endpoint in chain order; endpoints tagged premium only for high importance.</summary>
    public static IReadOnlyList<PoolCandidate> For(IReadOnlyList<InferenceEndpoint> chain, CallImportance importance) =>
        [.. chain.Select((endpoint, position) => (endpoint, position))
            .Where(x => importance == CallImportance.High || !x.endpoint.Tags.Contains(InferenceEndpoint.PremiumTag, StringComparer.OrdinalIgnoreCase))
            .SelectMany(x => Enumerable.Range(0, 1 + x.endpoint.Replicas.Count).Select(i => new PoolCandidate(x.endpoint, i, x.position)))];
}
