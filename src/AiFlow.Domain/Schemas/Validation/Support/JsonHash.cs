using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>A hash consistent with <see cref="JsonEquality"/> (1 and 1.0 hash alike; member order ignored).</summary>
internal static class JsonHash
{
    public static int Compute(JsonElement element, int depth = 0)
    {
        if (depth > JsonEquality.MaxDepth)
        {
            throw new SchemaLimitExceededException($"values nested deeper than {JsonEquality.MaxDepth} levels cannot be compared");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDecimal(out var d) ? d.GetHashCode() : element.GetDouble().GetHashCode();
            case JsonValueKind.String:
                using (var text = RentedText.OfString(element))
                {
                    return string.GetHashCode(text.Span);
                }

            case JsonValueKind.Array:
                var hash = new HashCode();
                foreach (var item in element.EnumerateArray())
                {
                    hash.Add(Compute(item, depth + 1));
                }

                return hash.ToHashCode();
            case JsonValueKind.Object:
                int sum = 17;
                foreach (var property in element.EnumerateObject())
                {
                    using var name = RentedText.OfName(property);
                    sum += HashCode.Combine(string.GetHashCode(name.Span), Compute(property.Value, depth + 1));
                }

                return sum;
            default:
                return (int)element.ValueKind;
        }
    }
}
