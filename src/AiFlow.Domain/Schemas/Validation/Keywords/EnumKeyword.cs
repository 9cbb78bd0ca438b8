using System.Runtime.InteropServices;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>enum</c> (and <c>const</c>, which is a one-value enum with its own wording).</summary>
internal sealed class EnumKeyword : Keyword
{
    private readonly JsonElement[] _values;
    private readonly bool _isConst;
    // The string values' UTF-8 without escapes, when every string value has none: an unescaped instance string then
    // matches by bytes alone, without reading each value's kind and raw text again for every instance.
    private readonly byte[][]? _strings;

    public EnumKeyword(KeywordSite site, JsonElement[] values, bool isConst)
        : base(site)
    {
        _values = values;
        _isConst = isConst;
        var strings = values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => JsonMarshal.GetRawUtf8Value(v).ToArray()).ToArray();
        _strings = strings.Any(s => s.AsSpan().IndexOf((byte)'\\') >= 0) ? null : strings;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (_strings is not null && instance.ValueKind == JsonValueKind.String)
        {
            var raw = JsonMarshal.GetRawUtf8Value(instance);
            if (raw.IndexOf((byte)'\\') < 0)
            {
                foreach (var value in _strings)
                {
                    if (raw.SequenceEqual(value))
                    {
                        return true;
                    }
                }

                return Fail(context, instance);
            }
        }

        foreach (var value in _values)
        {
            if (JsonEquality.AreEqual(value, instance))
            {
                return true;
            }
        }

        return Fail(context, instance);
    }

    private bool Fail(EvaluationContext context, JsonElement instance)
    {
        if (context.Collecting)
        {
            string message = _isConst
                ? $"{context.Where()} must be {Describe.Value(_values[0])}, was {Describe.Value(instance)}"
                : $"{context.Where()} must be one of {string.Join(", ", _values.Select(Describe.Value))}, was {Describe.Value(instance)}";
            context.Fail(Site, message);
        }

        return false;
    }
}
