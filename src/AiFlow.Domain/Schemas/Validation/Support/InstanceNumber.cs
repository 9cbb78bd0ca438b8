using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// An instance number compared against several limits: as a long when both sides are whole longs, else exactly on
/// the text (<see cref="ExactDecimal"/>), never through a rounding decimal or double.
/// </summary>
internal readonly struct InstanceNumber
{
    private readonly JsonElement _element;
    private readonly long _long;
    private readonly bool _isLong;

    public InstanceNumber(JsonElement element)
    {
        _element = element;
        var raw = JsonMarshal.GetRawUtf8Value(element);
        _isLong = raw.IndexOfAny(".eE"u8) < 0 && Utf8Parser.TryParse(raw, out _long, out int consumed) && consumed == raw.Length;
    }

    /// <summary>Sign of (instance − limit).</summary>
    public int CompareTo(in JsonNumber limit) =>
        _isLong && limit.Long is long l ? _long.CompareTo(l) : ExactDecimal.Compare(JsonMarshal.GetRawUtf8Value(_element), limit.Utf8);
}
