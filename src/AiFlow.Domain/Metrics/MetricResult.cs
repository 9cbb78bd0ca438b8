namespace AiFlow.Domain.Metrics;

/// <summary>
/// One metric of one step run. A metric that could not be computed (a reference-based metric with no ground truth for the
/// step's input, a fact the step did not produce) is stored with no value and the reason, never dropped.
/// </summary>
public class MetricResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StepRunId { get; set; }
    public Guid PipelineRunId { get; set; }
    public Guid MetricDefinitionId { get; set; }
    public string MetricKey { get; set; } = "";
    public double? Value { get; set; }
    public string? NotApplicableReason { get; set; }
    /// <summary>The function's breakdown, e.g. field F1's per-field matches, as JSON.</summary>
    public string? DetailsJson { get; set; }
    public double? Target { get; set; }
    public bool? Passed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
