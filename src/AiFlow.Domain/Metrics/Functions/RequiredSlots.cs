using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// The required values a schema asks of one output, and which of them the output fills. Only <c>properties</c>,
/// <c>required</c> and <c>items</c> are read; <c>$ref</c> and the combinators (allOf, oneOf, …) are not followed.
/// <list type="bullet">
/// <item>A required property whose schema has required properties of its own counts those, not itself; when the
/// output lacks the object they all count as missing.</item>
/// <item>A required array whose item schema has required properties counts them per item, so one incomplete item out of
/// ten costs a tenth of that array's share rather than all of it. An absent or empty such array is one missing slot.</item>
/// <item>Required properties under an optional object count only when the output has that object.</item>
/// </list>
/// </summary>
internal sealed class RequiredSlots
{
    public const int MaxListedMissing = 50;
    private const int MaxDepth = 64;

    private readonly List<string> missing = [];

    private RequiredSlots()
    {
    }

    public int Total { get; private set; }

    public int Filled { get; private set; }

    /// <summary>Pointers of the first <see cref="MaxListedMissing"/> missing or empty slots.</summary>
    public IReadOnlyList<string> Missing => missing;

    public static RequiredSlots Of(JsonElement schema, JsonNode? output)
    {
        var slots = new RequiredSlots();
        slots.Object(schema, output, "", 0);
        return slots;
    }

    /// <summary>Null, "", [] and {} hold nothing.</summary>
    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        _ => JsonScalar.StringOf(value) is "",
    };

    private void Object(JsonElement schema, JsonNode? value, string pointer, int depth)
    {
        if (depth > MaxDepth) return;
        var properties = Properties(schema);
        var required = RequiredNames(schema);
        var output = value as JsonObject;
        foreach (var name in required)
        {
            Required(PropertySchema(properties, name), output?[name], JsonPointerPath.Append(pointer, name), depth + 1);
        }
        if (output is null || properties is not { } defined) return;
        foreach (var property in defined.EnumerateObject().Where(p => !required.Contains(p.Name)))
        {
            if (output[property.Name] is { } child && !IsEmpty(child))
            {
                Optional(property.Value, child, JsonPointerPath.Append(pointer, property.Name), depth + 1);
            }
        }
    }

    private void Required(JsonElement? schema, JsonNode? value, string pointer, int depth)
    {
        if (schema is { } nested && RequiredNames(nested).Count > 0)
        {
            if (value is JsonObject) Object(nested, value, pointer, depth);
            else Miss(pointer, StaticCount(nested, depth));
        }
        else if (schema is { } array && ItemSchema(array) is { } items && RequiredNames(items).Count > 0 && value is JsonArray { Count: > 0 } elements)
        {
            for (var i = 0; i < elements.Count; i++) Required(items, elements[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1);
        }
        else if (IsEmpty(value)) Miss(pointer, 1);
        else
        {
            Total++;
            Filled++;
        }
    }

    private void Optional(JsonElement schema, JsonNode value, string pointer, int depth)
    {
        if (value is JsonObject) Object(schema, value, pointer, depth);
        else if (value is JsonArray elements && ItemSchema(schema) is { } items)
        {
            for (var i = 0; i < elements.Count; i++)
            {
                if (elements[i] is { } item) Optional(items, item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1);
            }
        }
    }

    private void Miss(string pointer, int count)
    {
        Total += count;
        if (missing.Count < MaxListedMissing) missing.Add(pointer);
    }

    /// <summary>How many slots an object schema asks for when the output lacks the object altogether.</summary>
    private static int StaticCount(JsonElement schema, int depth)
    {
        if (depth > MaxDepth) return 1;
        var properties = Properties(schema);
        return RequiredNames(schema).Sum(name =>
            PropertySchema(properties, name) is { } child && RequiredNames(child).Count > 0 ? StaticCount(child, depth + 1) : 1);
    }

    private static JsonElement? Properties(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : null;

    private static JsonElement? PropertySchema(JsonElement? properties, string name) =>
        properties is { } p && p.TryGetProperty(name, out var schema) ? schema : null;

    private static JsonElement? ItemSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? items : null;

    private static List<string> RequiredNames(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? [.. required.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).Distinct(StringComparer.Ordinal)]
            : [];
}
