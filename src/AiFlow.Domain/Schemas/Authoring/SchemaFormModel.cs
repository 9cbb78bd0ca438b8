using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Domain.Schemas.Authoring;

/// <summary>
/// Turns a schema into the form it describes (names, types, required, choices, nesting) for a read-only preview.
/// Local <c>$ref</c>s are followed, a recursive one is shown once and marked; allOf branches are merged into one form.
/// </summary>
public static class SchemaFormModel
{
    private const int MaxDepth = 32;

    private static readonly (string Keyword, string Label)[] Bounds =
    [
        ("minimum", "minimum"), ("exclusiveMinimum", "more than"), ("maximum", "maximum"), ("exclusiveMaximum", "less than"),
        ("multipleOf", "multiple of"), ("minLength", "min length"), ("maxLength", "max length"), ("pattern", "pattern"),
        ("minItems", "min items"), ("maxItems", "max items"), ("minProperties", "min keys"), ("maxProperties", "max keys"),
        ("default", "default"),
    ];

    public static SchemaFormField Build(JsonNode? schema) => new Builder(schema).Field("", "", schema, required: false, depth: 0);

    private sealed class Builder(JsonNode? root)
    {
        private readonly Stack<string> expanding = new();

        public SchemaFormField Field(string name, string path, JsonNode? node, bool required, int depth)
        {
            if (node is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return Leaf(name, path, flag.GetValue<bool>() ? "any" : "nothing (always invalid)", required);
            }
            if (node is not JsonObject schema) return Leaf(name, path, "any", required);
            if (depth > MaxDepth) return Leaf(name, path, "… (nested too deeply to preview)", required);

            if (Text(schema["$ref"]) is { } reference)
            {
                if (expanding.Contains(reference)) return Leaf(name, path, $"recursive ({reference})", required);
                if (Resolve(reference) is { } target)
                {
                    expanding.Push(reference);
                    var resolved = Field(name, path, Combine(schema, target), required, depth + 1);
                    expanding.Pop();
                    return resolved;
                }
            }

            var merged = schema["allOf"] is JsonArray all ? all.OfType<JsonObject>().Aggregate(schema, (acc, part) => Combine(acc, Follow(part))) : schema;
            var requiredNames = merged["required"] is JsonArray names
                ? names.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal)
                : [];
            var fields = merged["properties"] is JsonObject properties
                ? properties.Select(p => Field(p.Key, path + "/" + Escape(p.Key), p.Value, requiredNames.Contains(p.Key), depth + 1)).ToList()
                : [];
            if (merged["prefixItems"] is JsonArray prefix)
            {
                fields.AddRange(prefix.Select((p, i) => Field($"[{i}]", path + "/" + i.ToString(CultureInfo.InvariantCulture), p, required: false, depth + 1)));
            }
            var items = merged["items"] is { } itemSchema ? Field("item", path + "/*", itemSchema, required: false, depth + 1) : null;
            var variants = (merged["oneOf"] as JsonArray ?? merged["anyOf"] as JsonArray)?
                .Select((v, i) => Field($"option {i + 1}", path, v, required: false, depth + 1)).ToList() ?? [];

            return new SchemaFormField(name, path, TypeOf(merged), required, Text(merged["title"]), Text(merged["description"]), Text(merged["format"]),
                Choices(merged), Constraints(merged), fields, items, variants);
        }

        private JsonObject Follow(JsonObject schema) =>
            Text(schema["$ref"]) is { } reference && Resolve(reference) is { } target ? Combine(schema, target) : schema;

        /// <summary>Only references inside this document ("#", "#/$defs/x") can be previewed.</summary>
        private JsonNode? Resolve(string reference)
        {
            if (!reference.StartsWith('#')) return null;
            var node = root;
            var pointer = Uri.UnescapeDataString(reference[1..]);
            if (pointer.Length == 0) return node;
            foreach (var raw in pointer[1..].Split('/'))
            {
                var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                node = node switch
                {
                    JsonObject o => o[token],
                    JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                    _ => null,
                };
                if (node is null) return null;
            }
            return node;
        }
    }

    /// <summary>
    /// <paramref name="primary"/> (without its $ref and allOf, which the caller is resolving) plus what
    /// <paramref name="secondary"/> adds: its other keywords where the primary has none, its properties and required names.
    /// </summary>
    private static JsonObject Combine(JsonObject primary, JsonNode? secondary)
    {
        var result = new JsonObject(primary.Where(p => p.Key is not ("$ref" or "allOf")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        if (secondary is not JsonObject other) return result;
        foreach (var (key, value) in other)
        {
            if (key == "properties" && result["properties"] is JsonObject mine && value is JsonObject theirs)
            {
                foreach (var (name, property) in theirs.Where(p => !mine.ContainsKey(p.Key))) mine[name] = property?.DeepClone();
            }
            else if (key == "required" && result["required"] is JsonArray have && value is JsonArray more)
            {
                foreach (var name in more.Where(n => !have.Any(h => JsonNode.DeepEquals(h, n)))) have.Add(name?.DeepClone());
            }
            else if (!result.ContainsKey(key))
            {
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }

    private static SchemaFormField Leaf(string name, string path, string type, bool required) =>
        new(name, path, type, required, null, null, null, [], [], [], null, []);

    private static string TypeOf(JsonObject schema)
    {
        switch (schema["type"])
        {
            case JsonValue single when single.GetValueKind() == JsonValueKind.String:
                return single.GetValue<string>();
            case JsonArray several:
                return string.Join(" | ", several.Select(t => t?.ToString()));
        }
        if (schema.ContainsKey("properties") || schema.ContainsKey("required") || schema.ContainsKey("additionalProperties")) return "object";
        if (schema.ContainsKey("items") || schema.ContainsKey("prefixItems")) return "array";
        if (schema.ContainsKey("const")) return "constant";
        if (schema.ContainsKey("enum")) return "one of the choices";
        if (schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf")) return "one of the options";
        return "any";
    }

    private static List<string> Choices(JsonObject schema)
    {
        if (schema.TryGetPropertyValue("const", out var constant)) return [Show(constant)];
        return schema["enum"] is JsonArray values ? values.Select(Show).ToList() : [];
    }

    private static List<string> Constraints(JsonObject schema)
    {
        var list = Bounds.Where(b => schema.ContainsKey(b.Keyword)).Select(b => $"{b.Label} {Show(schema[b.Keyword])}").ToList();
        if (schema["uniqueItems"]?.GetValueKind() == JsonValueKind.True) list.Add("unique items");
        if (schema["additionalProperties"]?.GetValueKind() == JsonValueKind.False) list.Add("no other keys");
        return list;
    }

    private static string Show(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "null";

    private static string? Text(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Escape(string key) => JsonPointerText.Escape(key);
}
