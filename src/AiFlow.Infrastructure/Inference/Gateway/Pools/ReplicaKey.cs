namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>One replica of one endpoint; index 0 is the endpoint's own base URL.</summary>
public readonly record struct ReplicaKey(Guid EndpointId, int Index);
