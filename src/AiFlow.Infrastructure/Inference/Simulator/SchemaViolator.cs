using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Turns a conforming instance into valid JSON that breaks the schema, the way a sloppy model would:
// a required property dropped, else a property of the wrong type, else a wrong root type.
internal static class SchemaViolator
{
    public static string Violate(JsonElement schema, JsonNode? instance)
    {
        var root = SchemaRefs.Resolve(schema, schema);
        if (instance is JsonObject obj)
        {
            var required = SchemaKeywords.Required(root).FirstOrDefault(obj.ContainsKey);
            if (required is not null)
            {
                obj.Remove(required);
                return obj.ToJsonString();
            }

            var property = obj.FirstOrDefault();
            if (property.Key is not null)
            {
                obj[property.Key] = property.Value is JsonValue { } value && value.GetValueKind() == JsonValueKind.String
                    ? JsonValue.Create(12345)
                    : JsonValue.Create("not the declared type");
                return obj.ToJsonString();
            }

            return "[\"an array where an object was required\"]";
        }

        return instance switch
        {
            JsonArray => "{\"unexpected\":\"object where an array was required\"}",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => "12345",
            _ => "\"not the declared type\"",
        };
    }
}
