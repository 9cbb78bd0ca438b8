using System.Text.Json.Nodes;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Steps;

namespace AiFlow.Web.Features.Steps;

/// <summary>Step versions over HTTP: answers shaped with enums as words (bodies bind to <see cref="StepVersionBody"/>).</summary>
public static class StepSettingsJson
{
    public static object Of(StepDetails step) => new
    {
        step.Id, step.Key, step.Name, Kind = step.Kind.ToString(), step.Description,
        Versions = step.Versions.Select(Of),
    };

    public static object Of(StepVersionDetails v) => new
    {
        v.Id, v.Number, Status = v.Status.ToString(), v.RowVersion, v.CreatedAt, v.PublishedAt,
        v.Settings.PromptTemplateVersionId, v.Settings.ModelRouteId, v.Settings.IrSchemaVersionId, v.Settings.MetricProfileId,
        ValidationMode = v.Settings.ValidationMode.ToString().ToLowerInvariant(), Params = JsonNode.Parse(v.Settings.ParamsJson),
        v.Settings.ReviewSamplingRate, v.Settings.Guidelines,
        Importance = v.Settings.Importance.ToString().ToLowerInvariant(), v.Settings.CostSensitive,
    };

    public static object Of(StepSummary s) => new
    {
        s.Key, s.Name, Kind = s.Kind.ToString(), s.Description, s.Archived,
        Versions = s.Versions.Select(v => new
        {
            v.Number, Status = v.Status.ToString(), ValidationMode = v.ValidationMode.ToString().ToLowerInvariant(), v.Prompt, v.Route, v.Schema, v.MetricProfile, v.PublishedAt,
        }),
    };
}
