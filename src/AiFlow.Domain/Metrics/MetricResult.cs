namespace AiFlow.Domain.Metrics;

public class MetricResult
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StepRunId { get; set; }
    public Guid PipelineRunId { get; set; }
    public Guid MetricDefinitionId { get; set; }
    public string MetricKey { get; set; } = "";
    public double Value { get; set; }
    public double? Target { get; set; }
    public bool? Passed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
