namespace AiFlow.Domain.Evaluation;

/// <summary>A pipeline or step version run over a ground-truth dataset.</summary>
public class EvaluationRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? PipelineVersionId { get; set; }
    public Guid? StepVersionId { get; set; }
    public Guid? BaselineVersionId { get; set; }
    public EvaluationStatus Status { get; set; }
    public Dictionary<string, double> Aggregates { get; set; } = [];
    public bool? GatePassed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? RequestedBy { get; set; }
}
