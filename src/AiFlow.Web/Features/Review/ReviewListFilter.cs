using AiFlow.Domain.Reviews;

namespace AiFlow.Web.Features.Review;

/// <summary>The queue page's filters; <see cref="Apply"/> narrows any review-item query the same way.</summary>
public sealed record ReviewListFilter(Guid? PipelineDefinitionId, Guid? StepVersionId, ReviewReason? Reason, bool AssignedToMe, ReviewItemStatus? Status)
{
    public static readonly ReviewListFilter Empty = new(null, null, null, false, null);

    public IQueryable<ReviewItem> Apply(IQueryable<ReviewItem> items, Infrastructure.Persistence.AiFlowDbContext db, string reviewer, bool withStatus = true)
    {
        if (PipelineDefinitionId is { } pipeline) items = items.Where(i => db.PipelineRuns.Any(r => r.Id == i.PipelineRunId && r.PipelineDefinitionId == pipeline));
        if (StepVersionId is { } step) items = items.Where(i => i.StepVersionId == step);
        if (Reason is { } reason) items = items.Where(i => i.Reason == reason || i.Reasons.Contains(reason));
        if (AssignedToMe) items = items.Where(i => db.ReviewClaims.Any(c => c.ReviewItemId == i.Id && c.ReviewerId == reviewer && c.ReleasedAt == null));
        if (withStatus && Status is { } status) items = items.Where(i => i.Status == status);
        return items;
    }

    public Infrastructure.Reviews.ReviewQueueFilter ToQueueFilter(IReadOnlyCollection<Guid>? skip = null) =>
        new(PipelineDefinitionId, StepVersionId, Reason) { Skip = skip ?? [] };
}
