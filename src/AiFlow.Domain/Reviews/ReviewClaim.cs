namespace AiFlow.Domain.Reviews;

/// <summary>A reviewer's lease on one slot of a review item; an expired lease returns the slot to the queue.</summary>
public class ReviewClaim
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReviewItemId { get; set; }
    public int Slot { get; set; }
    public string ReviewerId { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset LeaseExpiresAt { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
