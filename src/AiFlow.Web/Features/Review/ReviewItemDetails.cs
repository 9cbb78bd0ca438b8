using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;

namespace AiFlow.Web.Features.Review;

/// <summary>Everything the review panel shows for one item.</summary>
public sealed record ReviewItemDetails(
    Guid Id, Guid PipelineRunId, string NodeKey, string StepKey, Guid StepVersionId, IReadOnlyList<ReviewReason> Reasons, string? ReasonDetail, ReviewItemStatus Status,
    int DecisionsCount, int ReviewersNeeded, string? InputJson, string ModelIrJson, bool ModelIrValid, IReadOnlyList<IrValidationError> ModelIrErrors,
    IReadOnlyList<string> LabelSet, int RatingScale, string? Guidelines, bool BlindReview, Guid? IrSchemaVersionId,
    IReadOnlyList<FeedbackSummary> Feedback)
{
    /// <summary>What the step attempt ran with: its rendered prompt, model and latency (none for a human-review step).</summary>
    public string? RenderedPrompt { get; init; }

    public string? Model { get; init; }

    public int? LatencyMs { get; init; }

    /// <summary>The IR of each upstream node, as the step read it, by node key.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UpstreamIr { get; init; } = [];
}
