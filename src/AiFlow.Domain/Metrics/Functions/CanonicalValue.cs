using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// JSON text that is equal exactly when two values are equal as data: object keys sorted, no whitespace, numbers
/// written by value so 1.0 and 1 agree. Unlike <see cref="Common.CanonicalJson"/>, whose text is hashed into
/// ground-truth references and so must not change, numbers here are normalised.
/// </summary>
internal static class CanonicalValue
{
    /// <summary>Serialises accents and markup as written, so a search for "é" or "&lt;p&gt;" finds them.</summary>
    public static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Integers beyond 2^53 are not exact as doubles; such ids keep their digits rather than collide.
    private const double ExactIntegerLimit = 9_007_199_254_740_992;

    public static string Of(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, node);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                if (JsonScalar.NumberOf(node) is { } number) writer.WriteRawValue(Number(node.ToJsonString(), number), skipInputValidation: true);
                else node.WriteTo(writer);
                break;
        }
    }

    private static string Number(string literal, double number)
    {
        if (number == 0) return "0";
        var integerLiteral = literal.TrimStart('-').All(char.IsAsciiDigit);
        return integerLiteral && Math.Abs(number) >= ExactIntegerLimit ? literal : number.ToString("R", CultureInfo.InvariantCulture);
    }
}
