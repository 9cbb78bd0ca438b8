using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Walks a JSON Schema and builds a conforming instance from the prompt; see SchemaInstanceGenerator.
internal sealed class SchemaWalker(JsonElement root, PromptCorpus corpus)
{
    // Past this depth recursive schemas shrink to required properties and minimum item counts.
    private const int ShrinkDepth = 6;
    private const int MaxDepth = 24;

    private readonly SchemaText text = new(corpus);
    private readonly SchemaNumbers numbers = new(corpus);

    public JsonNode? Generate(JsonElement schema, SchemaSlot slot, int depth)
    {
        schema = SchemaRefs.Resolve(root, schema);
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.Undefined)
        {
            return JsonValue.Create(text.Plain(slot));
        }

        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return null;
        }

        if (SchemaKeywords.Get(schema, "const") is { } constant)
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (SchemaKeywords.Array(schema, "enum") is { Count: > 0 } values)
        {
            return JsonNode.Parse(SchemaChoices.Pick(values, corpus, slot).GetRawText());
        }

        if (FirstBranch(schema) is { } branch)
        {
            return Generate(branch, slot, depth + 1);
        }

        if (SchemaKeywords.Array(schema, "allOf") is { Count: > 0 } parts)
        {
            return AllOf(parts, slot, depth);
        }

        return SchemaKeywords.TypeOf(schema) switch
        {
            "object" => Object(schema, slot, depth),
            "array" => Array(schema, slot, depth),
            "integer" => JsonValue.Create((long)numbers.Pick(schema, slot, integer: true)),
            "number" => JsonValue.Create(numbers.Pick(schema, slot, integer: false)),
            "boolean" => JsonValue.Create(SchemaChoices.Boolean(corpus, slot)),
            "null" => null,
            _ => JsonValue.Create(text.String(schema, slot)),
        };
    }

    // anyOf/oneOf: the first branch that is not just "null", so nullable fields still carry data.
    private static JsonElement? FirstBranch(JsonElement schema)
    {
        var branches = SchemaKeywords.Array(schema, "anyOf");
        if (branches.Count == 0)
        {
            branches = SchemaKeywords.Array(schema, "oneOf");
        }

        if (branches.Count == 0)
        {
            return null;
        }

        var nonNull = branches.FirstOrDefault(b => SchemaKeywords.String(b, "type") != "null");
        return nonNull.ValueKind == JsonValueKind.Undefined ? branches[0] : nonNull;
    }

    private JsonNode? AllOf(List<JsonElement> parts, SchemaSlot slot, int depth)
    {
        var generated = parts.Select(p => Generate(p, slot, depth + 1)).ToList();
        if (!generated.TrueForAll(g => g is JsonObject))
        {
            return generated[0];
        }

        var merged = new JsonObject();
        foreach (var part in generated.Cast<JsonObject>())
        {
            foreach (var (name, value) in part)
            {
                merged[name] = value?.DeepClone();
            }
        }

        return merged;
    }

    private JsonObject Object(JsonElement schema, SchemaSlot slot, int depth)
    {
        var result = new JsonObject();
        var required = SchemaKeywords.Required(schema);
        if (SchemaKeywords.Get(schema, "properties") is { ValueKind: JsonValueKind.Object } properties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var child = slot.Property(property.Name, SchemaKeywords.DescriptionHints(SchemaRefs.Resolve(root, property.Value)));
                if (required.Contains(property.Name) || (depth < ShrinkDepth && IncludeOptional(child)))
                {
                    result[property.Name] = Generate(property.Value, child, depth + 1);
                }
            }
        }

        // Required names without a declared schema may only be added when extra properties are allowed.
        if (SchemaKeywords.Get(schema, "additionalProperties") is not { ValueKind: JsonValueKind.False })
        {
            foreach (var name in required.Where(name => !result.ContainsKey(name)))
            {
                result[name] = text.Plain(slot.Property(name, []));
            }
        }

        return result;
    }

    // Optional properties appear when the prompt mentions them, otherwise for two slots in three.
    private bool IncludeOptional(SchemaSlot slot) =>
        corpus.Overlap(slot.Hints) > 0 || StableHash.Of(corpus.Text, slot.Path) % 3 != 0;

    private JsonArray Array(JsonElement schema, SchemaSlot slot, int depth)
    {
        var min = Math.Max(0, SchemaKeywords.Int(schema, "minItems") ?? 0);
        var max = Math.Max(min, SchemaKeywords.Int(schema, "maxItems") ?? int.MaxValue);
        var prefix = SchemaKeywords.Array(schema, "prefixItems");
        var items = SchemaKeywords.Get(schema, "items");
        var wanted = depth >= ShrinkDepth ? min : Math.Clamp(Math.Clamp(corpus.Sentences.Count, 1, 3), min, max);
        if (items is { ValueKind: JsonValueKind.False } || (items is null && prefix.Count > 0))
        {
            wanted = Math.Clamp(prefix.Count, min, max);
        }

        if (items is { } itemSchema && SchemaChoices.DistinctEnum(root, itemSchema, schema, corpus, slot, wanted, min) is { } distinct)
        {
            return distinct;
        }

        var result = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; result.Count < wanted && i < wanted + 8; i++)
        {
            var itemSchemaAt = i < prefix.Count ? prefix[i] : items ?? default;
            var item = Generate(itemSchemaAt, slot.Item(i), depth + 1);
            var unique = !SchemaKeywords.IsTrue(schema, "uniqueItems") || seen.Add(item?.ToJsonString() ?? "null");
            if (unique || (result.Count < min && i >= wanted + 7))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
