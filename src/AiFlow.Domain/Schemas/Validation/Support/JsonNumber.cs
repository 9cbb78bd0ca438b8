using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// A number keyword argument. Comparisons use decimal when both sides fit (exact for typical schema values,
/// e.g. multipleOf 0.01) and fall back to double for huge or tiny magnitudes.
/// </summary>
internal readonly struct JsonNumber
{
    private readonly decimal _decimal;
    private readonly bool _hasDecimal;
    private readonly long _long;
    private readonly bool _hasLong;

    public JsonNumber(JsonElement element)
    {
        Double = element.GetDouble();
        _hasDecimal = element.TryGetDecimal(out _decimal);
        _hasLong = element.TryGetInt64(out _long);
        Text = element.GetRawText();
    }

    public double Double { get; }

    public long? Long => _hasLong ? _long : null;

    public decimal? Decimal => _hasDecimal ? _decimal : null;

    public string Text { get; }

    public bool Divides(JsonElement instance)
    {
        if (_hasDecimal && _decimal != 0 && instance.TryGetDecimal(out var value))
        {
            try
            {
                return value % _decimal == 0;
            }
            catch (OverflowException)
            {
                // fall through to double arithmetic
            }
        }

        double quotient = instance.GetDouble() / Double;
        return !double.IsInfinity(quotient) && !double.IsNaN(quotient) && Math.Floor(quotient) == quotient;
    }

    public static bool IsInteger(JsonElement instance)
    {
        // JSON number grammar: without a fraction or exponent the text is an integer.
        if (JsonMarshal.GetRawUtf8Value(instance).IndexOfAny(".eE"u8) < 0)
        {
            return true;
        }

        if (instance.TryGetDecimal(out var value))
        {
            return decimal.Truncate(value) == value;
        }

        double d = instance.GetDouble();
        return !double.IsInfinity(d) && Math.Floor(d) == d;
    }
}
