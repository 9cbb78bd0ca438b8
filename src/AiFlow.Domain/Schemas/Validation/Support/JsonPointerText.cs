using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>RFC 6901 helpers.</summary>
internal static class JsonPointerText
{
    public static string Escape(string token) =>
        token.Contains('~', StringComparison.Ordinal) || token.Contains('/', StringComparison.Ordinal)
            ? token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : token;

    public static string Unescape(string token) =>
        token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>Follows <paramref name="pointer"/> (already percent-decoded) from <paramref name="root"/>.</summary>
    public static bool TryNavigate(JsonElement root, string pointer, out JsonElement result)
    {
        result = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = Unescape(raw);
            if (result.ValueKind == JsonValueKind.Object)
            {
                if (!result.TryGetProperty(token, out result))
                {
                    return false;
                }
            }
            else if (result.ValueKind == JsonValueKind.Array)
            {
                if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
                    || index >= result.GetArrayLength())
                {
                    return false;
                }

                result = result[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
