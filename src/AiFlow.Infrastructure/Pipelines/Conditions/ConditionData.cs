using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>What a condition reads: a copy of the run's state, so evaluation never touches that state.</summary>
internal sealed record ConditionData(JsonNode? Input, JsonObject Ir, JsonObject Metrics)
{
    public static ConditionData From(JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics)
    {
        var irObject = new JsonObject();
        foreach (var (node, value) in ir) irObject[node] = value?.DeepClone();
        var metricsObject = new JsonObject();
        foreach (var (node, values) in metrics)
        {
            var m = new JsonObject();
            foreach (var (key, value) in values) m[key] = double.IsFinite(value) ? value : null;
            metricsObject[node] = m;
        }
        return new ConditionData(input?.DeepClone(), irObject, metricsObject);
    }

    /// <summary>
    /// Built directly rather than through Jint's JSON.parse, which checks the script's memory budget as it goes: the
    /// run's data is not the condition's doing, and is bounded where it comes from.
    /// </summary>
    public static JsValue ToJs(Engine engine, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject o:
                var result = new JsObject(engine);
                foreach (var (key, value) in o) result.CreateDataProperty(key, ToJs(engine, value));
                return result;
            case JsonArray a:
                return new JsArray(engine, [.. a.Select(item => ToJs(engine, item))]);
            default:
                // A value parsed from text or set from a CLR value (a metric's double) alike.
                var primitive = (JsonValue)node;
                return primitive.GetValueKind() switch
                {
                    JsonValueKind.String => new JsString(primitive.TryGetValue(out string? text) ? text : JsonSerializer.Deserialize<string>(primitive.ToJsonString())!),
                    JsonValueKind.Number => new JsNumber(primitive.TryGetValue(out double number) ? number : double.Parse(primitive.ToJsonString(), CultureInfo.InvariantCulture)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
        }
    }
}
