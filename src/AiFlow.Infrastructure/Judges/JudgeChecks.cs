using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Judges;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// The checks a judge must pass before it is saved, each problem at its field's JSON pointer. Pure: the API and the
/// console run the same ones. The output schema must make the model answer what <see cref="JudgeOutput"/> reads: an
/// object whose required properties include a number <c>score</c> and a string <c>reasoning</c> (and a string
/// <c>category</c> for a category judge).
/// </summary>
public static class JudgeChecks
{
    private const int MaxTemplate = 20_000;
    private const int MaxRubric = 10_000;
    private const int MaxCategories = 50;

    public static IReadOnlyList<MetricFieldProblem> Judge(JudgeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<MetricFieldProblem>();
        if (string.IsNullOrWhiteSpace(input.Key)) problems.Add(new("/key", $"A key is required. {MetricCatalogChecks.KeyRule}"));
        else if (!MetricCatalogChecks.IsKey(input.Key)) problems.Add(new("/key", $"'{input.Key}' is not a valid key. {MetricCatalogChecks.KeyRule}"));
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200) problems.Add(new("/name", "A name of 1-200 characters is required."));
        problems.AddRange(Version(input.Version));
        return problems;
    }

    public static IReadOnlyList<MetricFieldProblem> Version(JudgeVersionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<MetricFieldProblem>();
        if (!Enum.IsDefined(input.Kind)) problems.Add(new("/kind", "kind must be Rating or Category."));
        problems.AddRange(JudgeTemplate.Check(input.PromptTemplate).Select(m => new MetricFieldProblem("/promptTemplate", m)));
        if (input.PromptTemplate?.Length > MaxTemplate) problems.Add(new("/promptTemplate", $"A prompt template is at most {MaxTemplate:N0} characters."));
        if (input.Rubric?.Length > MaxRubric) problems.Add(new("/rubric", $"A rubric is at most {MaxRubric:N0} characters."));
        if (!double.IsFinite(input.ScoreMin)) problems.Add(new("/scoreMin", "scoreMin must be a finite number."));
        if (!double.IsFinite(input.ScoreMax)) problems.Add(new("/scoreMax", "scoreMax must be a finite number."));
        else if (double.IsFinite(input.ScoreMin) && input.ScoreMax <= input.ScoreMin)
        {
            problems.Add(new("/scoreMax", $"scoreMax ({input.ScoreMax}) must be greater than scoreMin ({input.ScoreMin})."));
        }
        var categories = input.Categories ?? [];
        if (input.Kind == JudgeKind.Category)
        {
            if (categories.Count < 2) problems.Add(new("/categories", "A category judge needs at least two category labels."));
            for (var i = 0; i < categories.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(categories[i]) || categories[i].Length > 100) problems.Add(new($"/categories/{i}", "A label is 1-100 characters."));
                else if (categories.Take(i).Contains(categories[i], StringComparer.Ordinal)) problems.Add(new($"/categories/{i}", $"'{categories[i]}' is listed twice."));
            }
            if (categories.Count > MaxCategories) problems.Add(new("/categories", $"A judge has at most {MaxCategories} labels."));
        }
        else if (categories.Count > 0)
        {
            problems.Add(new("/categories", "Only a category judge has category labels; leave them out for a rating judge."));
        }
        problems.AddRange(Schema(input.OutputSchemaJson, input.Kind == JudgeKind.Category));
        return problems;
    }

    private static List<MetricFieldProblem> Schema(string? json, bool category)
    {
        const string At = "/outputSchema";
        JsonNode? node;
        try
        {
            node = string.IsNullOrWhiteSpace(json) ? null : JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return [new(At, $"The output schema is not valid JSON: {ex.Message}")];
        }
        if (node is not JsonObject schema || schema["properties"] is not JsonObject properties)
        {
            return [new(At, "The output schema must be a JSON Schema object with \"properties\" that include score (number) and reasoning (string).")];
        }
        var required = (schema["required"] as JsonArray)?.Select(r => r?.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : null).ToHashSet() ?? [];
        var problems = new List<MetricFieldProblem>();
        Field(properties, required, "score", ["number", "integer"], problems);
        Field(properties, required, "reasoning", ["string"], problems);
        if (category) Field(properties, required, "category", ["string"], problems);
        return problems;
    }

    private static void Field(JsonObject properties, HashSet<string?> required, string name, string[] types, List<MetricFieldProblem> problems)
    {
        var at = $"/outputSchema/properties/{name}";
        var type = properties[name] is JsonObject field && field["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (properties[name] is null) problems.Add(new(at, $"The output schema has no '{name}' field; a judge must answer a {types[0]} '{name}'."));
        else if (type is null || !types.Contains(type)) problems.Add(new($"{at}/type", $"'{name}' must have type {string.Join(" or ", types)}."));
        else if (!required.Contains(name)) problems.Add(new("/outputSchema/required", $"'{name}' must be listed in \"required\"."));
    }
}
