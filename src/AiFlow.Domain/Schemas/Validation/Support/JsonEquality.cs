using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>JSON Schema equality: numbers by value (1 == 1.0), objects ignore member order.</summary>
internal static class JsonEquality
{
    /// <summary>Comparison recursion limit, so hostile nesting cannot overflow the stack.</summary>
    public const int MaxDepth = 512;

    public static bool AreEqual(JsonElement a, JsonElement b, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new SchemaLimitExceededException($"values nested deeper than {MaxDepth} levels cannot be compared");
        }

        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                // Same mathematical value (Core §4.2.2): 1 equals 1.0 and 1e0, and no digit is rounded away.
                var rawA = JsonMarshal.GetRawUtf8Value(a);
                var rawB = JsonMarshal.GetRawUtf8Value(b);
                return rawA.SequenceEqual(rawB) || ExactDecimal.Compare(rawA, rawB) == 0;
            case JsonValueKind.String:
                return StringsEqual(a, b);
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                var others = b.EnumerateArray();
                foreach (var item in a.EnumerateArray())
                {
                    others.MoveNext();
                    if (!AreEqual(item, others.Current, depth + 1))
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
                    if (!TryGetProperty(b, property, out var other) || !AreEqual(property.Value, other, depth + 1))
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
        var rawA = JsonMarshal.GetRawUtf8Value(a);
        var rawB = JsonMarshal.GetRawUtf8Value(b);
        if (rawA.IndexOf((byte)'\\') < 0 && rawB.IndexOf((byte)'\\') < 0)
        {
            // Without escapes the raw UTF-8 is the value, so bytes decide.
            return rawA.SequenceEqual(rawB);
        }

        using var text = RentedText.OfString(b);
        return a.ValueEquals(text.Span);
    }

    private static bool TryGetProperty(JsonElement obj, JsonProperty property, out JsonElement value)
    {
        using var name = RentedText.OfName(property);
        return obj.TryGetProperty(name.Span, out value);
    }
}
