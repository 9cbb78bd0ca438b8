using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Review;

/// <summary>Everything the review panel shows for one item.</summary>
public sealed record ReviewItemDetails(
    Guid Id, Guid PipelineRunId, string NodeKey, string StepKey, Guid StepVersionId, IReadOnlyList<ReviewReason> Reasons, string? ReasonDetail, ReviewItemStatus Status,
    int DecisionsCount, int ReviewersNeeded, string? InputJson, string ModelIrJson, bool ModelIrValid, IReadOnlyList<IrValidationError> ModelIrErrors,
    IReadOnlyList<string> LabelSet, int RatingScale, string? Guidelines, bool BlindReview, Guid? IrSchemaVersionId,
    IReadOnlyList<FeedbackSummary> Feedback);
