namespace AiFlow.Domain.Evaluation;

public class EvaluationResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationRunId { get; set; }
    public Guid GroundTruthVersionId { get; set; }
    public string? ActualIrJson { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = [];
    public bool Passed { get; set; }
}
