using AiFlow.Domain.Reviews;

namespace AiFlow.Web.Features.Review;

public sealed record ReviewRow(Guid Id, string NodeKey, string StepKey, ReviewReason Reason, string? ReasonDetail, ReviewItemStatus Status,
    int DecisionsCount, int ReviewersNeeded, DateTimeOffset CreatedAt);
