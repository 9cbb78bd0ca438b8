using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Schemas.Authoring;

/// <summary>
/// Infers a draft 2020-12 schema from one sample, as a starting point an Admin then tightens: types, required keys,
/// nested objects, and one item schema per array that fits every element (keys present in all elements are required).
/// </summary>
public static class SchemaInferrer
{
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    public static JsonObject Infer(JsonNode? sample)
    {
        var shape = new Shape();
        shape.Add(sample);
        var schema = new JsonObject { ["$schema"] = Draft202012 };
        foreach (var (key, value) in shape.ToSchema()) schema[key] = value?.DeepClone();
        return schema;
    }

    /// <summary>What every value seen at one place has in common.</summary>
    private sealed class Shape
    {
        // Insertion-ordered so the schema lists types and keys in the order the sample shows them.
        private readonly List<string> types = [];
        private readonly List<string> names = [];
        private readonly Dictionary<string, Shape> properties = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);
        private int objects;
        private Shape? items;

        public void Add(JsonNode? value)
        {
            switch (value)
            {
                case null:
                    AddType("null");
                    break;
                case JsonObject o:
                    AddType("object");
                    objects++;
                    foreach (var (name, child) in o)
                    {
                        if (!properties.TryGetValue(name, out var property))
                        {
                            names.Add(name);
                            properties[name] = property = new Shape();
                        }
                        seen[name] = seen.GetValueOrDefault(name) + 1;
                        property.Add(child);
                    }
                    break;
                case JsonArray a:
                    AddType("array");
                    foreach (var element in a) (items ??= new Shape()).Add(element);
                    break;
                case JsonValue v:
                    AddType(TypeOf(v));
                    break;
            }
        }

        private void AddType(string type)
        {
            // An integer and a fraction in the same place make a number.
            if (type == "integer" && types.Contains("number")) return;
            if (type == "number") types.Remove("integer");
            if (!types.Contains(type)) types.Add(type);
        }

        private static string TypeOf(JsonValue value) => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsWhole(value) ? "integer" : "number",
            _ => "null",
        };

        private static bool IsWhole(JsonValue value) =>
            value.TryGetValue<long>(out _) || (value.TryGetValue<decimal>(out var d) && decimal.Truncate(d) == d);

        public JsonObject ToSchema()
        {
            var schema = new JsonObject();
            if (types.Count == 1) schema["type"] = types[0];
            else if (types.Count > 1) schema["type"] = new JsonArray([.. types.Select(t => (JsonNode)t)]);
            if (types.Contains("object"))
            {
                schema["properties"] = new JsonObject(names.Select(n => KeyValuePair.Create(n, (JsonNode?)properties[n].ToSchema())));
                var required = names.Where(n => seen[n] == objects).Select(n => (JsonNode?)n).ToArray();
                if (required.Length > 0) schema["required"] = new JsonArray(required);
            }
            if (items is not null) schema["items"] = items.ToSchema();
            return schema;
        }
    }
}
