using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Common;

/// <summary>JSON with object keys sorted and no whitespace, so equal documents have equal text and equal hashes.</summary>
public static class CanonicalJson
{
    public static string Canonicalize(string json)
    {
        var node = JsonNode.Parse(json);
        return Sorted(node)?.ToJsonString() ?? "null";
    }

    /// <summary>Lower-case hex SHA-256 of the canonical text: the reference of a ground-truth example.</summary>
    public static string Sha256(string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonicalize(json))));

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };

    public static bool TryCanonicalize(string json, out string canonical)
    {
        try
        {
            canonical = Canonicalize(json);
            return true;
        }
        catch (JsonException)
        {
            canonical = "";
            return false;
        }
    }
}
