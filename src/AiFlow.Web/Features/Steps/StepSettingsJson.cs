using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Steps;

namespace AiFlow.Web.Features.Steps;

/// <summary>Step versions over HTTP (bodies bind to <see cref="StepVersionBody"/>): enums by member name, as every API answer writes them.</summary>
public static class StepSettingsJson
{
    public static StepJson Of(StepDetails step) => new(step.Id, step.Key, step.Name, step.Kind, step.Description, step.Versions.Select(Of).ToList());

    public static StepVersionJson Of(StepVersionDetails v) => new(v.Id, v.Number, v.Status, v.RowVersion, v.CreatedAt, v.PublishedAt,
        v.Settings.PromptTemplateVersionId, v.Settings.ModelRouteId, v.Settings.IrSchemaVersionId, v.Settings.MetricProfileId,
        v.Settings.ValidationMode, JsonNode.Parse(v.Settings.ParamsJson), v.Settings.ReviewSamplingRate, v.Settings.Guidelines,
        v.Settings.Importance, v.Settings.CostSensitive);

    public static StepListJson Of(StepSummary s) => new(s.Key, s.Name, s.Kind, s.Description, s.Archived,
        s.Versions.Select(v => new StepListVersionJson(v.Number, v.Status, v.ValidationMode, v.Prompt, v.Route, v.Schema, v.MetricProfile, v.PublishedAt)).ToList());
}

public sealed record StepJson(Guid Id, string Key, string Name, StepKind Kind, string? Description, IReadOnlyList<StepVersionJson> Versions);

public sealed record StepVersionJson(Guid Id, int Number, VersionStatus Status, uint RowVersion, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    Guid? PromptTemplateVersionId, Guid? ModelRouteId, Guid? IrSchemaVersionId, Guid? MetricProfileId, ValidationMode ValidationMode, JsonNode? Params,
    double ReviewSamplingRate, string? Guidelines, CallImportance Importance, bool CostSensitive);

public sealed record StepListJson(string Key, string Name, StepKind Kind, string? Description, bool Archived, IReadOnlyList<StepListVersionJson> Versions);

public sealed record StepListVersionJson(int Number, VersionStatus Status, ValidationMode ValidationMode, string? Prompt, string? Route, string? Schema, string? MetricProfile,
    DateTimeOffset? PublishedAt);
