using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Texts to embed; the gateway sends them in batches of <c>AiFlow:Inference:EmbeddingBatchSize</c>.</summary>
public sealed record EmbeddingRequest
{
    public Guid? RouteId { get; init; }
    public string TaskType { get; init; } = "embedding";
    public required IReadOnlyList<string> Inputs { get; init; }
    public Guid? StepRunId { get; init; }
    public int Attempt { get; init; } = 1;
    public required string IdempotencyKey { get; init; }
    public TimeSpan? Timeout { get; init; }
    /// <summary>Orders the call in a saturated pool's queue; only high importance may use endpoints tagged premium.</summary>
    public CallImportance Importance { get; init; }
    /// <summary>Walks the route cheapest first instead of by its own strategy.</summary>
    public bool CostSensitive { get; init; }
}
