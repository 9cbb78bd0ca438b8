using AiFlow.Domain.Common;

namespace AiFlow.Domain.Reviews;

/// <summary>
/// An output waiting for human judgement, raised by a review policy: one item per step output, carrying every reason the
/// policy found (<see cref="Reason"/> is the first of <see cref="Reasons"/>, the one the queue filters and sorts by).
/// </summary>
public class ReviewItem : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PipelineRunId { get; set; }
    public Guid StepRunId { get; set; }
    public Guid StepVersionId { get; set; }
    public string NodeKey { get; set; } = "";
    public ReviewReason Reason { get; set; }
    public List<ReviewReason> Reasons { get; set; } = [];
    public string? ReasonDetail { get; set; }
    public ReviewItemStatus Status { get; set; }
    public int ReviewersNeeded { get; set; } = 1;
    public int DecisionsCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public uint Version { get; set; }
}
