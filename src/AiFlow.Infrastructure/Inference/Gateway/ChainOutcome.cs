using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>The result of walking a chain: the answer and its endpoint, or nothing; plus every failed attempt.</summary>
internal sealed record ChainOutcome<T>(EndpointAnswer<T>? Answer, InferenceEndpoint? Endpoint, int LatencyMs, decimal CostUsd, string? Error, IReadOnlyList<EndpointAttempt> Tried);
