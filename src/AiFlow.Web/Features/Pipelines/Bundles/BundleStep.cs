using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// A published step version. <see cref="ModelRoute"/> is a name only: routes hold a console's endpoints and secrets, so
/// the target console must have a route of that name. The hash leaves out <see cref="Name"/>, the definition's label.
/// <see cref="Importance"/> and <see cref="CostSensitive"/> are written only when they differ from the defaults
/// (normal, not cost-sensitive): the hash leaves nulls out, so bundles exported before they existed keep their hashes.
/// </summary>
public sealed record BundleStep(
    string? Key,
    int Number,
    string? Name,
    StepKind? Kind,
    BundleRef? Prompt,
    BundleRef? IrSchema,
    string? MetricProfile,
    string? ModelRoute,
    ValidationMode ValidationMode,
    JsonObject? Params,
    double ReviewSamplingRate,
    string? Guidelines,
    List<string>? LabelSet,
    int ReviewersNeeded,
    int RatingScale,
    bool BlindReview,
    int ReviewLeaseMinutes,
    string? Hash,
    CallImportance? Importance = null,
    bool? CostSensitive = null);
