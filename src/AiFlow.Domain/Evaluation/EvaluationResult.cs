namespace AiFlow.Domain.Evaluation;

/// <summary>
/// One case on one side: the actual IR, each metric's value (null where it did not apply), the metrics' details (e.g.
/// field F1's per-field breakdown), and the call's cost. An errored case (the endpoint failed, the output was not JSON)
/// is counted apart, never as a pass or a fail.
/// </summary>
public class EvaluationResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationRunId { get; set; }
    public Guid GroundTruthExampleId { get; set; }
    public Guid GroundTruthVersionId { get; set; }
    public EvaluationSide Side { get; set; }
    public bool Errored { get; set; }
    public string? Error { get; set; }
    public string? ActualIrJson { get; set; }
    public Dictionary<string, double?> Metrics { get; set; } = [];
    public string? DetailsJson { get; set; }
    public bool Passed { get; set; }
    public int LatencyMs { get; set; }
    public decimal CostUsd { get; set; }
    public int TokensIn { get; set; }
    public int TokensOut { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
