using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>Reads the value an RFC 6901 pointer names in a JSON document, to show an IR error beside what it is about.</summary>
public static class JsonPointerValue
{
    public static string Describe(string? json, string pointer)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
        if (pointer.Length > 0)
        {
            node = Resolve(node, pointer);
            if (node is null) return "(missing)";
        }
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..119] + "…" : text;
    }

    /// <summary>The node <paramref name="pointer"/> names under <paramref name="node"/>, or null when nothing is there.</summary>
    public static JsonNode? Resolve(JsonNode? node, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }
}
