using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// The characters of a JSON string or property name without allocating a string:
/// unescaped UTF-8 is decoded into a pooled buffer; escaped text falls back to a real string.
/// </summary>
internal readonly ref struct RentedText
{
    private readonly char[]? _rented;

    private RentedText(ReadOnlySpan<char> span, char[]? rented)
    {
        Span = span;
        _rented = rented;
    }

    public ReadOnlySpan<char> Span { get; }

    public static RentedText OfName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') >= 0 ? new RentedText(property.Name, null) : Decode(raw);
    }

    public static RentedText OfString(JsonElement element)
    {
        var raw = RawStringBytes(element);
        return raw.IndexOf((byte)'\\') >= 0 ? new RentedText(element.GetString(), null) : Decode(raw);
    }

    /// <summary>Unicode code points in a string value (what minLength/maxLength count).</summary>
    public static int CodePointCount(JsonElement element)
    {
        var raw = RawStringBytes(element);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            var text = element.GetString()!;
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!char.IsLowSurrogate(text[i]))
                {
                    count++;
                }
            }

            return count;
        }

        int points = 0;
        foreach (byte b in raw)
        {
            if ((b & 0xC0) != 0x80)
            {
                points++;
            }
        }

        return points;
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<char>.Shared.Return(_rented);
        }
    }

    private static ReadOnlySpan<byte> RawStringBytes(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
    }

    private static RentedText Decode(ReadOnlySpan<byte> utf8)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, 16));
        int length = Encoding.UTF8.GetChars(utf8, buffer);
        return new RentedText(buffer.AsSpan(0, length), buffer);
    }
}
