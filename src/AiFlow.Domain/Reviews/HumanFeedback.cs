using AiFlow.Domain.Runs;

namespace AiFlow.Domain.Reviews;

public class HumanFeedback
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ReviewItemId { get; set; }
    public Guid PipelineRunId { get; set; }
    public Guid? StepRunId { get; set; }
    public string ReviewerId { get; set; } = "";
    public ReviewDecision Decision { get; set; }
    public string? CorrectedIrJson { get; set; }
    public bool? CorrectionIsValid { get; set; }
    public List<IrValidationError> CorrectionErrors { get; set; } = [];
    public List<string> Labels { get; set; } = [];
    public int? Rating { get; set; }
    public string? Comment { get; set; }
    public int TimeSpentMs { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
}
