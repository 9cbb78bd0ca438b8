namespace AiFlow.Infrastructure.Inference.Gateway;

public sealed record EmbeddingResult
{
    public bool Succeeded { get; init; }
    /// <summary>One vector per input, in input order.</summary>
    public IReadOnlyList<float[]> Vectors { get; init; } = [];
    public string? Model { get; init; }
    public Guid? EndpointId { get; init; }
    public string? EndpointName { get; init; }
    public int TokensIn { get; init; }
    public decimal CostUsd { get; init; }
    public int LatencyMs { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<EndpointAttempt> Tried { get; init; } = [];
}
