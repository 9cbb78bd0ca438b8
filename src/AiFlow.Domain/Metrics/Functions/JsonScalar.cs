using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// Reads JSON scalars without throwing. Goes by <see cref="JsonNode.GetValueKind"/> rather than TryGetValue, because a
/// value built in C# (say from an int) and one parsed from text answer TryGetValue differently.
/// </summary>
internal static class JsonScalar
{
    /// <summary>The string, also when the value was built in C# from something written as one, such as a Guid.</summary>
    public static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(v.ToJsonString())
            : null;

    public static double? NumberOf(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : null;

    public static bool? BoolOf(JsonNode? node) =>
        node is JsonValue v ? v.GetValueKind() switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

    /// <summary>A string as it is; anything else as its JSON text, accents and markup written as they are.</summary>
    public static string TextOf(JsonNode? node) => StringOf(node) ?? node?.ToJsonString(CanonicalValue.Readable) ?? "null";

    /// <summary>"a string", "an object", … for messages about what was found where something else was wanted.</summary>
    public static string Describe(JsonNode? node) => (node?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
