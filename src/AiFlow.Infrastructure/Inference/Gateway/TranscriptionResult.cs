namespace AiFlow.Infrastructure.Inference.Gateway;

public sealed record TranscriptionResult
{
    public bool Succeeded { get; init; }
    public string? Text { get; init; }
    public string? Language { get; init; }
    /// <summary>The audio's length as the endpoint measured it (verbose_json), when it says.</summary>
    public double? DurationSeconds { get; init; }
    public IReadOnlyList<TranscriptSegment> Segments { get; init; } = [];
    public string? Model { get; init; }
    public Guid? EndpointId { get; init; }
    public string? EndpointName { get; init; }
    public decimal CostUsd { get; init; }
    public int LatencyMs { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<EndpointAttempt> Tried { get; init; } = [];
}
