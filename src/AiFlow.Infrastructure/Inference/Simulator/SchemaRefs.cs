using System.Text.Json;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Follows local "$ref" pointers ("#", "#/$defs/Address", "#/definitions/Item") within the root schema.
internal static class SchemaRefs
{
    public static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var hops = 0; hops < 32; hops++)
        {
            if (SchemaKeywords.String(schema, "$ref") is not { } reference || !reference.StartsWith('#'))
            {
                return schema;
            }

            if (Pointer(root, reference[1..]) is not { } target)
            {
                return default;
            }

            schema = target;
        }

        return schema;
    }

    private static JsonElement? Pointer(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
