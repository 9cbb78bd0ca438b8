using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;

namespace AiFlow.Web.Features.Steps;

/// <summary>
/// A step version's settings: <c>POST /api/steps/{key}/versions</c> and <c>PUT /api/steps/{key}/versions/{n}</c> (which
/// also needs the <see cref="RowVersion"/> read). <see cref="Id"/>, <see cref="Number"/>, <see cref="Status"/>,
/// <see cref="CreatedAt"/> and <see cref="PublishedAt"/> are read-only: accepted so a client may send back the version it
/// read, and ignored.
/// </summary>
public sealed record StepVersionBody(
    Guid? PromptTemplateVersionId,
    Guid? ModelRouteId,
    Guid? IrSchemaVersionId,
    Guid? MetricProfileId,
    ValidationMode? ValidationMode,
    JsonObject? Params,
    double? ReviewSamplingRate,
    string? Guidelines,
    uint? RowVersion,
    Guid? Id,
    int? Number,
    string? Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? PublishedAt,
    CallImportance? Importance = null,
    bool? CostSensitive = null)
{
    public StepVersionDraft ToDraft()
    {
        var draft = new StepVersionDraft
        {
            PromptTemplateVersionId = PromptTemplateVersionId,
            ModelRouteId = ModelRouteId,
            IrSchemaVersionId = IrSchemaVersionId,
            MetricProfileId = MetricProfileId,
            Guidelines = Guidelines,
        };
        if (ValidationMode is { } mode) draft.ValidationMode = mode;
        if (Params is not null) draft.ParamsJson = Params.ToJsonString();
        if (ReviewSamplingRate is { } rate) draft.ReviewSamplingRate = rate;
        if (Importance is { } importance) draft.Importance = importance;
        if (CostSensitive is { } frugal) draft.CostSensitive = frugal;
        return draft;
    }
}
