namespace AiFlow.Infrastructure.Inference.Gateway;

public sealed record EndpointAttempt(Guid EndpointId, string EndpointName, string Outcome, string? Error, int LatencyMs);
