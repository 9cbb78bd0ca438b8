using AiFlow.Domain.Inference;

namespace AiFlow.Web.Features.Endpoints;

/// <summary>
/// An endpoint with its health: last success/error and the error rate of its calls in the last hour. A stored API key
/// shows only as <see cref="HasStoredApiKey"/>. <see cref="FetchesMediaUrls"/>: vision calls may send it images as signed URLs.
/// </summary>
public sealed record EndpointSummary(
    Guid Id, string Name, EndpointKind Kind, EndpointProvider Provider, string BaseUrl, string Model, string? ApiKeyEnvVar, bool HasStoredApiKey,
    int TimeoutMs, int MaxConcurrency, decimal PricePer1MInputTokens, decimal PricePer1MOutputTokens, decimal PricePerGpuSecond,
    bool Enabled, bool IsSimulator, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError,
    int CallsLastHour, double? ErrorRateLastHour, IReadOnlyList<EndpointReplica> Replicas, bool Premium,
    bool FetchesMediaUrls);
