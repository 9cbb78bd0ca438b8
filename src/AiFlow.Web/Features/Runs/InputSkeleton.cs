using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Web.Components.Shared;

namespace AiFlow.Web.Features.Runs;

/// <summary>
/// A starting input for a pipeline, from its input schema: the object's required properties (all of them when none is
/// required) with an empty value of their type, so the Start run dialog shows what the pipeline expects.
/// </summary>
public static class InputSkeleton
{
    public static string From(string? inputSchemaJson)
    {
        if (string.IsNullOrWhiteSpace(inputSchemaJson)) return "{\n}";
        try
        {
            var skeleton = Value(JsonNode.Parse(inputSchemaJson) as JsonObject, depth: 0) as JsonObject ?? [];
            return skeleton.Count == 0 ? "{\n}" : Display.PrettyJson(skeleton);
        }
        catch (JsonException)
        {
            return "{\n}";
        }
    }

    private static JsonNode? Value(JsonObject? schema, int depth)
    {
        if (schema is null || depth > 5) return null;
        if (schema["const"] is { } constant) return constant.DeepClone();
        if (schema["enum"] is JsonArray { Count: > 0 } values) return values[0]?.DeepClone();
        if (schema["default"] is { } fallback) return fallback.DeepClone();
        var type = schema["type"] is JsonArray types ? types.FirstOrDefault()?.GetValue<string>() : (string?)schema["type"];
        switch (type ?? (schema["properties"] is not null ? "object" : null))
        {
            case "object":
                var result = new JsonObject();
                var properties = schema["properties"] as JsonObject ?? [];
                var required = (schema["required"] as JsonArray)?.Select(r => (string?)r).OfType<string>().ToList() ?? [];
                // In the order of "required": PostgreSQL's jsonb does not keep the properties' own order.
                var names = required.Count > 0 ? required : [.. properties.Select(p => p.Key)];
                foreach (var name in names) result[name] = Value(properties[name] as JsonObject, depth + 1);
                return result;
            case "array": return new JsonArray();
            case "string": return "";
            case "integer" or "number": return 0;
            case "boolean": return false;
            default: return null;
        }
    }
}
