namespace AiFlow.Domain.Runs;

/// <summary>One attempt of one node of a run.</summary>
public class StepRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineRunId { get; set; }
    public PipelineRun? PipelineRun { get; set; }
    public string NodeKey { get; set; } = "";
    public Guid StepVersionId { get; set; }
    public int Attempt { get; set; } = 1;
    public StepRunStatus Status { get; set; }
    public string ParamsJson { get; set; } = "{}";
    public string? InputJson { get; set; }
    public Guid? PromptTemplateVersionId { get; set; }
    public string? PromptVariant { get; set; }
    public string? Model { get; set; }
    public Guid? EndpointId { get; set; }
    public string? EndpointName { get; set; }
    public int TokensIn { get; set; }
    public int TokensOut { get; set; }
    public decimal CostUsd { get; set; }
    public int? LatencyMs { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
    /// <summary>The IR this attempt produced (read side only; the engine writes artifacts on their own).</summary>
    public List<IrArtifact> Artifacts { get; set; } = [];
    /// <summary>The rendered prompt and raw response, at most one row (read side only, like <see cref="Artifacts"/>).</summary>
    public List<StepRunText> Texts { get; set; } = [];
}
