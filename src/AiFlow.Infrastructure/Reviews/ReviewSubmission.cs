using AiFlow.Domain.Reviews;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>One reviewer's decision on an item they hold.</summary>
public sealed record ReviewSubmission(
    Guid ItemId,
    string ReviewerId,
    ReviewDecision Decision,
    string? CorrectedIrJson = null,
    IReadOnlyList<string>? Labels = null,
    int? Rating = null,
    string? Comment = null,
    int TimeSpentMs = 0);
