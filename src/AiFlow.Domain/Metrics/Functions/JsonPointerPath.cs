using System.Text.Json.Nodes;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// RFC 6901 pointers over <see cref="JsonNode"/> trees: "" is the whole document, <c>/sections/0/id</c> a value in it.
/// A leaf is a JSON scalar (string, number, boolean, null) or an empty object or array.
/// </summary>
public static class JsonPointerPath
{
    /// <summary>Whether <paramref name="pointer"/> is "" or starts with '/', with every '~' escaping as ~0 or ~1.</summary>
    public static bool IsValid(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length > 0 && pointer[0] != '/') return false;
        for (var i = pointer.IndexOf('~', StringComparison.Ordinal); i >= 0; i = pointer.IndexOf('~', i + 1))
        {
            if (i + 1 >= pointer.Length || pointer[i + 1] is not ('0' or '1')) return false;
        }
        return true;
    }

    /// <summary>
    /// Follows <paramref name="pointer"/> from <paramref name="root"/>. True when the location exists, even if it holds
    /// null, so a field set to null is told apart from a missing one.
    /// </summary>
    public static bool TryResolve(JsonNode? root, string pointer, out JsonNode? value)
    {
        value = root;
        if (pointer.Length == 0) return true;
        if (!IsValid(pointer)) return false;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = JsonPointerText.Unescape(raw);
            switch (value)
            {
                case JsonObject o when o.TryGetPropertyValue(token, out var child):
                    value = child;
                    break;
                case JsonArray a when TryIndex(token, out var index) && index < a.Count:
                    value = a[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        return true;
    }

    /// <summary>The leaves under <paramref name="root"/> in document order, each with its pointer.</summary>
    public static IReadOnlyList<(string Pointer, JsonNode? Value)> Leaves(JsonNode? root)
    {
        var leaves = new List<(string, JsonNode?)>();
        Collect("", root, leaves);
        return leaves;
    }

    public static string Append(string pointer, string token) => pointer + "/" + JsonPointerText.Escape(token);

    private static void Collect(string pointer, JsonNode? node, List<(string, JsonNode?)> leaves)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (key, child) in o) Collect(Append(pointer, key), child, leaves);
                break;
            case JsonArray a when a.Count > 0:
                for (var i = 0; i < a.Count; i++) Collect(pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), a[i], leaves);
                break;
            default:
                leaves.Add((pointer, node));
                break;
        }
    }

    /// <summary>RFC 6901 array indices: "0" or digits without a leading zero ("-", past the end, never resolves).</summary>
    private static bool TryIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit)) return false;
        return int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index);
    }
}
