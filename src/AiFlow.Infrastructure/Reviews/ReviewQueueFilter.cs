using AiFlow.Domain.Reviews;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>Which items a reviewer wants to claim; <see cref="Skip"/> holds items they just requeued.</summary>
public sealed record ReviewQueueFilter(Guid? PipelineDefinitionId = null, Guid? StepVersionId = null, ReviewReason? Reason = null)
{
    public IReadOnlyCollection<Guid> Skip { get; init; } = [];

    public static readonly ReviewQueueFilter None = new();
}
