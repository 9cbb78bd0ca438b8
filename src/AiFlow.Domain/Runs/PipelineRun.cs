using AiFlow.Domain.Inference;

namespace AiFlow.Domain.Runs;

/// <summary>One execution of a pinned pipeline version.</summary>
public class PipelineRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineDefinitionId { get; set; }
    public Guid PipelineVersionId { get; set; }
    public RunStatus Status { get; set; }
    public RunTrigger Trigger { get; set; }
    public string InputJson { get; set; } = "{}";
    public string? OutputJson { get; set; }
    public string? Error { get; set; }
    public string? RequestedBy { get; set; }
    /// <summary>The API key that launched the run (API launches only): its spend counts against that key's budgets.</summary>
    public Guid? ApiKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Worker that holds the run; with <see cref="FencingToken"/> it refuses late writes from a lost lease.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public long FencingToken { get; set; }
    public int TokensIn { get; set; }
    public int TokensOut { get; set; }
    public decimal CostUsd { get; set; }
    /// <summary>Overrides every step's importance for this run (set by the caller of POST /api/runs); null keeps each step's own.</summary>
    public CallImportance? Importance { get; set; }
    /// <summary>Overrides every step's cost sensitivity for this run; null keeps each step's own.</summary>
    public bool? CostSensitive { get; set; }
    public uint Version { get; set; }
    public List<StepRun> Steps { get; set; } = [];
}
