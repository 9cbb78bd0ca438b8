namespace AiFlow.Infrastructure.Inference.Gateway;

public sealed record ConnectionTestResult(bool Succeeded, int LatencyMs, string? Error, string? Model);
