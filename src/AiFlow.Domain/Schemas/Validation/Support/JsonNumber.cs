using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// A number keyword argument, kept as its JSON text: comparisons and <c>multipleOf</c> are exact on the text
/// (<see cref="ExactDecimal"/>), with a shortcut for whole numbers that fit a long.
/// </summary>
internal readonly struct JsonNumber
{
    private readonly long _long;
    private readonly bool _hasLong;

    public JsonNumber(JsonElement element)
    {
        _hasLong = element.TryGetInt64(out _long);
        Text = element.GetRawText();
        Exact = ExactDecimal.Read(JsonMarshal.GetRawUtf8Value(element));
    }

    public long? Long => _hasLong ? _long : null;

    public string Text { get; }

    /// <summary>Read once when the schema is compiled, so each validation only reads the instance's number.</summary>
    public ExactDecimal.Parts Exact { get; }

    public bool Divides(JsonElement instance) => ExactDecimal.IsMultiple(ExactDecimal.Read(JsonMarshal.GetRawUtf8Value(instance)), Exact);

    public static bool IsInteger(JsonElement instance)
    {
        // JSON number grammar: without a fraction or exponent the text is an integer.
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        return raw.IndexOfAny(".eE"u8) < 0 || ExactDecimal.IsInteger(raw);
    }
}
