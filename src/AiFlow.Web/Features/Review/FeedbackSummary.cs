using AiFlow.Domain.Reviews;

namespace AiFlow.Web.Features.Review;

public sealed record FeedbackSummary(Guid Id, string ReviewerId, ReviewDecision Decision, IReadOnlyList<string> Labels, int? Rating, string? Comment, int TimeSpentMs, DateTimeOffset CreatedAt);
