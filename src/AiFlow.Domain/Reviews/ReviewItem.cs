using AiFlow.Domain.Common;

namespace AiFlow.Domain.Reviews;

/// <summary>An output waiting for human judgement, raised by a review policy.</summary>
public class ReviewItem : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineRunId { get; set; }
    public Guid StepRunId { get; set; }
    public Guid StepVersionId { get; set; }
    public string NodeKey { get; set; } = "";
    public ReviewReason Reason { get; set; }
    public string? ReasonDetail { get; set; }
    public ReviewItemStatus Status { get; set; }
    public int ReviewersNeeded { get; set; } = 1;
    public int DecisionsCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public uint Version { get; set; }
}
