using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Steps;

namespace AiFlow.Web.Features.Steps;

/// <summary>Step versions over HTTP: reads settings from a request body (every field named when malformed) and shapes answers with enums as words.</summary>
public static class StepSettingsJson
{
    public static StepVersionDraft Read(JsonObject body, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(problems);
        var draft = new StepVersionDraft
        {
            PromptTemplateVersionId = Id(body, "promptTemplateVersionId", problems),
            ModelRouteId = Id(body, "modelRouteId", problems),
            IrSchemaVersionId = Id(body, "irSchemaVersionId", problems),
            MetricProfileId = Id(body, "metricProfileId", problems),
            Guidelines = body["guidelines"] is JsonValue g && g.GetValueKind() == JsonValueKind.String ? g.GetValue<string>() : null,
        };
        if (body["validationMode"] is { } mode)
        {
            if (mode.GetValueKind() == JsonValueKind.String && Enum.TryParse<ValidationMode>(mode.GetValue<string>(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                draft.ValidationMode = parsed;
            }
            else problems.Add("validationMode must be \"off\", \"log\" or \"enforce\".");
        }
        if (body["params"] is { } parameters)
        {
            if (parameters is JsonObject) draft.ParamsJson = parameters.ToJsonString();
            else problems.Add("params must be a JSON object.");
        }
        if (body["reviewSamplingRate"] is { } rate)
        {
            if (rate.GetValueKind() == JsonValueKind.Number) draft.ReviewSamplingRate = rate.GetValue<double>();
            else problems.Add("reviewSamplingRate must be a number from 0 to 1.");
        }
        return draft;
    }

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
    };

    public static object Of(StepSummary s) => new
    {
        s.Key, s.Name, Kind = s.Kind.ToString(), s.Description,
        Versions = s.Versions.Select(v => new
        {
            v.Number, Status = v.Status.ToString(), ValidationMode = v.ValidationMode.ToString().ToLowerInvariant(), v.Prompt, v.Route, v.Schema, v.MetricProfile, v.PublishedAt,
        }),
    };

    private static Guid? Id(JsonObject body, string name, List<string> problems)
    {
        var node = body[name];
        if (node is null) return null;
        if (node.GetValueKind() == JsonValueKind.String && Guid.TryParse(node.GetValue<string>(), out var id)) return id;
        problems.Add($"{name} must be an id (a GUID string) or null.");
        return null;
    }
}
