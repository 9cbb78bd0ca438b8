using System.Text.Json;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Small readers over a JSON Schema node; schemas arrive as untyped JSON, so tolerate surprises.
internal static class SchemaKeywords
{
    public static JsonElement? Get(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var value) ? value : null;

    public static double? Number(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static int? Int(JsonElement schema, string keyword) =>
        Number(schema, keyword) is { } value ? (int)Math.Min(value, int.MaxValue) : null;

    public static string? String(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool IsTrue(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.True };

    public static List<JsonElement> Array(JsonElement schema, string keyword) =>
        Get(schema, keyword) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray().ToList() : [];

    public static HashSet<string> Required(JsonElement schema) =>
        Array(schema, "required").Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);

    // "type": "string" | ["string", "null"]; without one, infer from the keywords that are present.
    public static string TypeOf(JsonElement schema)
    {
        var type = Get(schema, "type");
        if (type is { ValueKind: JsonValueKind.String } single)
        {
            return single.GetString()!;
        }

        if (type is { ValueKind: JsonValueKind.Array } many)
        {
            var names = many.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
            return names.FirstOrDefault(n => n != "null") ?? names.FirstOrDefault() ?? "string";
        }

        if (Get(schema, "properties") is not null || Get(schema, "required") is not null)
        {
            return "object";
        }

        if (Get(schema, "items") is not null || Get(schema, "prefixItems") is not null)
        {
            return "array";
        }

        return Number(schema, "minimum") is not null || Number(schema, "maximum") is not null ? "number" : "string";
    }

    // Words that describe a property: its title and the start of its description.
    public static List<string> DescriptionHints(JsonElement schema) =>
        [.. PromptCorpus.Tokenize(String(schema, "title")), .. PromptCorpus.Tokenize(String(schema, "description")).Take(8)];
}
