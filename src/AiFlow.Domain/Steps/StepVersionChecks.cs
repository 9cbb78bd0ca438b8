using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Domain.Runs.Linking;
using AiFlow.Domain.Schemas;

namespace AiFlow.Domain.Steps;

/// <summary>
/// What is wrong with a step version's settings, each as a sentence an author can act on (and, from the <c>…Fields</c>
/// methods, at the API field it is about). <see cref="Check"/> runs on
/// every save; <see cref="CheckForPublish"/> adds what a version must have before it can run.
/// </summary>
public static class StepVersionChecks
{
    public const int MaxGuidelinesLength = 20_000;
    public const int MaxParamsLength = 64 * 1024;

    public static IReadOnlyList<string> Check(StepKind kind, StepVersionDraft draft) => Messages(CheckFields(kind, draft));

    public static IReadOnlyList<string> CheckForPublish(StepKind kind, StepVersionDraft draft) => Messages(CheckFieldsForPublish(kind, draft));

    /// <summary>As <see cref="Check"/>, each problem at the pointer of the API body's field it is about.</summary>
    public static IReadOnlyList<FieldProblem> CheckFields(StepKind kind, StepVersionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<FieldProblem>();
        var name = Describe(kind);
        void Unused(bool isSet, StepField field, string pointer, string what)
        {
            if (isSet && !StepKindFields.Uses(kind, field)) problems.Add(new(pointer, $"{name} does not use {what}; leave it empty."));
        }
        Unused(draft.PromptTemplateVersionId is not null, StepField.PromptTemplate, "/promptTemplateVersionId", "a prompt template");
        Unused(draft.ModelRouteId is not null, StepField.ModelRoute, "/modelRouteId", "a model route");
        Unused(draft.IrSchemaVersionId is not null, StepField.IrSchema, "/irSchemaVersionId", "an IR schema");
        Unused(draft.MetricProfileId is not null, StepField.MetricProfile, "/metricProfileId", "a metric profile");
        Unused(draft.ReviewSamplingRate > 0, StepField.ReviewSampling, "/reviewSamplingRate", "review sampling");
        Unused(!string.IsNullOrWhiteSpace(draft.Guidelines), StepField.Guidelines, "/guidelines", "reviewer guidelines");

        if (!Enum.IsDefined(draft.ValidationMode)) problems.Add(new("/validationMode", "Validation mode must be off, log or enforce."));
        if (draft.ValidationMode == ValidationMode.Enforce && draft.IrSchemaVersionId is null)
        {
            // The missing schema is what to fix, so the pointer names it rather than the mode.
            problems.Add(new("/irSchemaVersionId", "Validation mode enforce needs an IR schema version to enforce."));
        }
        if (double.IsNaN(draft.ReviewSamplingRate) || draft.ReviewSamplingRate is < 0 or > 1)
        {
            problems.Add(new("/reviewSamplingRate", "Review sampling rate must be between 0 and 1 (0.1 sends one output in ten to review)."));
        }
        if (draft.Guidelines?.Length > MaxGuidelinesLength) problems.Add(new("/guidelines", $"Guidelines are limited to {MaxGuidelinesLength:N0} characters."));
        problems.AddRange(CheckParamFields(draft.ParamsJson));
        return problems;
    }

    /// <summary>As <see cref="CheckForPublish"/>, each problem at its field.</summary>
    public static IReadOnlyList<FieldProblem> CheckFieldsForPublish(StepKind kind, StepVersionDraft draft)
    {
        var problems = CheckFields(kind, draft).ToList();
        if (StepKindFields.NeedsPrompt(kind) && draft.PromptTemplateVersionId is null)
        {
            problems.Add(new("/promptTemplateVersionId", $"{Describe(kind)} needs a prompt template version before it can be published."));
        }
        return problems;
    }

    /// <summary>Parameters are a JSON object; the ones the engine reads must have the type it reads them as.</summary>
    public static IReadOnlyList<string> CheckParams(string? json) => Messages(CheckParamFields(json));

    private static List<FieldProblem> CheckParamFields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        if (json.Length > MaxParamsLength) return [new("/params", $"Parameters are limited to {MaxParamsLength / 1024} kB.")];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return [new("/params", $"Parameters are not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).")];
        }
        if (node is not JsonObject parameters) return [new("/params", "Parameters must be a JSON object, like {\"temperature\": 0.2}.")];

        var problems = new List<FieldProblem>();
        if (parameters.TryGetPropertyValue("temperature", out var temperature)
            && !(IsNumber(temperature, out var t) && t is >= 0 and <= 2))
        {
            problems.Add(new("/params/temperature", "Parameter 'temperature' must be a number from 0 to 2."));
        }
        if (parameters.TryGetPropertyValue("max_tokens", out var maxTokens)
            && !(IsNumber(maxTokens, out var m) && m == Math.Floor(m) && m is >= 1 and <= 1_000_000))
        {
            problems.Add(new("/params/max_tokens", "Parameter 'max_tokens' must be a whole number from 1 to 1,000,000."));
        }
        if (parameters.TryGetPropertyValue("template", out var template) && template?.GetValueKind() != JsonValueKind.String)
        {
            problems.Add(new("/params/template", "Parameter 'template' must be a string (a Liquid template)."));
        }
        if (parameters.TryGetPropertyValue(OutputLinkEvaluator.ParamName, out var outputLinks)
            && !OutputLinkEvaluator.TryParse(outputLinks, out _, out var linksProblem))
        {
            problems.Add(new($"/params/{OutputLinkEvaluator.ParamName}", linksProblem!));
        }
        return problems;
    }

    private static List<string> Messages(IEnumerable<FieldProblem> problems) => problems.Select(p => p.Message).ToList();

    private static bool IsNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }

    private static string Describe(StepKind kind) => kind switch
    {
        StepKind.StructuredLlm => "A structured LLM step",
        StepKind.HumanReview => "A human review step",
        _ => $"A {kind.ToString().ToLowerInvariant()} step",
    };
}
