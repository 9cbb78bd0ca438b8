namespace AiFlow.Infrastructure.Inference.Gateway;

public sealed record StructuredCallResult
{
    public bool Succeeded { get; init; }
    /// <summary>The raw message content (the model's JSON text when it succeeded).</summary>
    public string? Content { get; init; }
    public string? Model { get; init; }
    public Guid? EndpointId { get; init; }
    public string? EndpointName { get; init; }
    public int TokensIn { get; init; }
    public int TokensOut { get; init; }
    public decimal CostUsd { get; init; }
    public int LatencyMs { get; init; }
    public string? Error { get; init; }
    /// <summary>Endpoints tried before the one that answered (or all of them when none did), with why each failed.</summary>
    public IReadOnlyList<EndpointAttempt> Tried { get; init; } = [];
    /// <summary>When every endpoint's output was refused (not JSON, or rejected under enforce): the last such output, kept for review.</summary>
    public string? RefusedContent { get; init; }
    public string? RefusedModel { get; init; }
    public string? RefusedEndpointName { get; init; }
    /// <summary>For a call with images: how each attempt sent them, in order (by URL to endpoints that fetch media, else inline).</summary>
    public IReadOnlyList<ImageDelivery> ImageDeliveries { get; init; } = [];
}
