using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>JSON Schema equality: numbers by value (1 == 1.0), objects ignore member order.</summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db))
                {
                    return da == db;
                }

                return a.GetDouble() == b.GetDouble();
            case JsonValueKind.String:
                return StringsEqual(a, b);
            case JsonValueKind.Array:
                int length = a.GetArrayLength();
                if (length != b.GetArrayLength())
                {
                    return false;
                }

                for (int i = 0; i < length; i++)
                {
                    if (!AreEqual(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                if (a.GetPropertyCount() != b.GetPropertyCount())
                {
                    return false;
                }

                foreach (var property in a.EnumerateObject())
                {
                    if (!TryGetProperty(b, property, out var other) || !AreEqual(property.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool StringsEqual(JsonElement a, JsonElement b)
    {
        using var text = RentedText.OfString(b);
        return a.ValueEquals(text.Span);
    }

    private static bool TryGetProperty(JsonElement obj, JsonProperty property, out JsonElement value)
    {
        using var name = RentedText.OfName(property);
        return obj.TryGetProperty(name.Span, out value);
    }
}
