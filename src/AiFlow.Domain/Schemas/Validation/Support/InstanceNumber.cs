using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// An instance number read once and compared against several limits, never through a rounding decimal or double. A
/// number without an exponent whose whole part fits a long is compared against a whole-number limit by its whole part
/// and whether a fraction follows (IR numbers such as 4096 or 0.7 against limits such as 0 and 2); anything else is
/// compared exactly (<see cref="ExactDecimal"/>), read only when a comparison needs it.
/// </summary>
internal struct InstanceNumber
{
    private readonly JsonElement _element;
    private readonly long _whole;
    private readonly bool _fast;
    private readonly bool _negative;
    private readonly bool _hasFraction;
    private ExactDecimal.Parts _exact;
    private bool _hasExact;

    public InstanceNumber(JsonElement element)
    {
        _element = element;
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            return;
        }

        int dot = raw.IndexOf((byte)'.');
        var wholePart = dot < 0 ? raw : raw[..dot];
        _fast = Utf8Parser.TryParse(wholePart, out _whole, out int consumed) && consumed == wholePart.Length;
        _negative = raw.Length > 0 && raw[0] == (byte)'-';
        _hasFraction = dot >= 0 && raw[(dot + 1)..].IndexOfAnyExcept((byte)'0') >= 0;
    }

    /// <summary>Sign of (instance − limit).</summary>
    public int CompareTo(in JsonNumber limit)
    {
        if (_fast && limit.Long is long l)
        {
            if (!_hasFraction)
            {
                return _whole.CompareTo(l);
            }

            // With a fraction the value lies strictly between its whole part and the next whole number away from zero.
            return _negative ? (l >= _whole ? -1 : 1) : (l <= _whole ? 1 : -1);
        }

        if (!_hasExact)
        {
            _exact = ExactDecimal.Read(JsonMarshal.GetRawUtf8Value(_element));
            _hasExact = true;
        }

        return ExactDecimal.Compare(_exact, limit.Exact);
    }
}
