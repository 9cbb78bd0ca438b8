using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

public sealed record TranscriptionRequest
{
    public Guid? RouteId { get; init; }
    public string TaskType { get; init; } = "transcription";
    /// <summary>The audio bytes; kept in memory so a fallback endpoint can be sent the same audio.</summary>
    public required ReadOnlyMemory<byte> Audio { get; init; }
    public required string FileName { get; init; }
    public string? Language { get; init; }
    public Guid? StepRunId { get; init; }
    public int Attempt { get; init; } = 1;
    public required string IdempotencyKey { get; init; }
    public TimeSpan? Timeout { get; init; }
    /// <summary>Orders the call in a saturated pool's queue; only high importance may use endpoints tagged premium.</summary>
    public CallImportance Importance { get; init; }
    /// <summary>Walks the route cheapest first instead of by its own strategy.</summary>
    public bool CostSensitive { get; init; }
}
