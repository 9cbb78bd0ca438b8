using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// An instance number read once and compared against several limits: as a long when both sides are whole longs,
/// else exactly (<see cref="ExactDecimal"/>), never through a rounding decimal or double.
/// </summary>
internal readonly struct InstanceNumber
{
    private readonly ExactDecimal.Parts _exact;
    private readonly long _long;
    private readonly bool _isLong;

    public InstanceNumber(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        _isLong = raw.IndexOfAny(".eE"u8) < 0 && Utf8Parser.TryParse(raw, out _long, out int consumed) && consumed == raw.Length;
        _exact = ExactDecimal.Read(raw);
    }

    /// <summary>Sign of (instance − limit).</summary>
    public int CompareTo(in JsonNumber limit) =>
        _isLong && limit.Long is long l ? _long.CompareTo(l) : ExactDecimal.Compare(_exact, limit.Exact);
}
