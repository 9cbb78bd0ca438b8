namespace AiFlow.Domain.Evaluation;

/// <summary>
/// A step version (in isolation, on the step's stored inputs) or a pipeline version (end to end through the engine, on
/// the pipeline's examples) run over a pinned dataset version, beside a baseline version on the same cases. A pipeline
/// evaluation's metrics are keyed <c>node.metric</c> for each node whose IR the cases check. Progress, cost and the aggregates with their confidence intervals live on the row, so a
/// resumed evaluation and the console read one place.
/// </summary>
public class EvaluationRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public EvaluationTargetKind TargetKind { get; set; }
    public string TargetKey { get; set; } = "";
    public Guid? PipelineVersionId { get; set; }
    public Guid? StepVersionId { get; set; }
    public int TargetVersion { get; set; }
    /// <summary>The version compared with (a step version or pipeline version id); null when there is none to compare with.</summary>
    public Guid? BaselineVersionId { get; set; }
    public int? BaselineVersion { get; set; }
    public Guid DatasetVersionId { get; set; }
    public int DatasetNumber { get; set; }
    /// <summary>Only cases whose example carries this tag, when set.</summary>
    public string? Tag { get; set; }
    public EvaluationStatus Status { get; set; }
    public int CasesTotal { get; set; }
    public int CasesDone { get; set; }
    public int CasesErrored { get; set; }
    /// <summary>Examples left out because their expected IR fails the candidate's IR schema, each with why.</summary>
    public List<SkippedCase> Skipped { get; set; } = [];
    public List<EvaluationAggregate> Aggregates { get; set; } = [];
    public bool? GatePassed { get; set; }
    public decimal CostUsd { get; set; }
    public long TokensIn { get; set; }
    public long TokensOut { get; set; }
    public bool CancelRequested { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? RequestedBy { get; set; }
    /// <summary>Set when a pipeline's evaluation schedule started it (that pipeline); such evaluations are compared with the step's previous one.</summary>
    public Guid? ScheduledFor { get; set; }
    /// <summary>What got worse since the step's previous scheduled evaluation, e.g. "exact_match 0.95 → 0.80"; null when nothing did.</summary>
    public string? Regression { get; set; }
}
