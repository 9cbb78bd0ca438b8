namespace AiFlow.Web.Features.Review;

/// <summary>The answer to a review decision: the feedback row it made and whether the item needs no more reviewers.</summary>
public sealed record FeedbackRecorded(Guid? FeedbackId, bool ItemCompleted);
