using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>An instance number parsed once (long, else decimal, else double) and compared against several limits.</summary>
internal readonly struct InstanceNumber
{
    private readonly long _long;
    private readonly decimal _decimal;
    private readonly double _double;
    private readonly byte _kind; // 0 long, 1 decimal, 2 double

    public InstanceNumber(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw.IndexOfAny(".eE"u8) < 0 && Utf8Parser.TryParse(raw, out long whole, out int consumed) && consumed == raw.Length)
        {
            _long = whole;
            _kind = 0;
        }
        else if (element.TryGetDecimal(out var value))
        {
            _decimal = value;
            _kind = 1;
        }
        else
        {
            _double = element.GetDouble();
            _kind = 2;
        }
    }

    /// <summary>Sign of (instance − limit).</summary>
    public int CompareTo(in JsonNumber limit) => _kind switch
    {
        0 when limit.Long is long l => _long.CompareTo(l),
        0 when limit.Decimal is decimal d => ((decimal)_long).CompareTo(d),
        1 when limit.Decimal is decimal d => _decimal.CompareTo(d),
        0 => ((double)_long).CompareTo(limit.Double),
        1 => ((double)_decimal).CompareTo(limit.Double),
        _ => _double.CompareTo(limit.Double),
    };
}
