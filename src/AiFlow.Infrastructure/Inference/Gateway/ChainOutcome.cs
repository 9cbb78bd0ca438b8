using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// The result of walking a chain: the answer and its endpoint, or nothing; plus every failed attempt, and the last answer
/// refused as invalid output (not JSON, or rejected by the caller), so a chain that refused every answer loses nothing.
/// </summary>
internal sealed record ChainOutcome<T>(EndpointAnswer<T>? Answer, InferenceEndpoint? Endpoint, int LatencyMs, decimal CostUsd, string? Error, IReadOnlyList<EndpointAttempt> Tried,
    EndpointAnswer<T>? LastRefused = null, InferenceEndpoint? LastRefusedEndpoint = null);
