using System.Text.Json.Nodes;

namespace AiFlow.Web.Api;

/// <summary>
/// Typed reads of request fields with one error shape: a field of the wrong JSON type is a 400 problem naming its pointer,
/// so <c>"version": "1"</c>, <c>1.5</c> or <c>1e400</c> never reaches a query or becomes a 500.
/// </summary>
public static class JsonFields
{
    public static IResult Invalid(string pointer, string message) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: message, extensions: new Dictionary<string, object?> { ["pointer"] = pointer });

    /// <summary>An optional string; false when present with another type.</summary>
    public static bool TryString(JsonNode? node, out string? value)
    {
        value = null;
        return node is null || (node is JsonValue v && v.TryGetValue(out value));
    }

    /// <summary>An optional whole number in 1..int.MaxValue; false when present as anything else.</summary>
    public static bool TryPositiveInt(JsonNode? node, out int? value)
    {
        value = null;
        if (node is null) return true;
        if (node is not JsonValue v || !v.TryGetValue<int>(out var n) || n < 1) return false;
        value = n;
        return true;
    }

    /// <summary>An optional object; false when present as anything else.</summary>
    public static bool TryObject(JsonNode? node, out JsonObject? value)
    {
        value = node as JsonObject;
        return node is null || value is not null;
    }
}
