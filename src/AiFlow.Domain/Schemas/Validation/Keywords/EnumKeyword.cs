using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>enum</c> (and <c>const</c>, which is a one-value enum with its own wording).</summary>
internal sealed class EnumKeyword : Keyword
{
    private readonly JsonElement[] _values;
    private readonly bool _isConst;

    public EnumKeyword(KeywordSite site, JsonElement[] values, bool isConst)
        : base(site)
    {
        _values = values;
        _isConst = isConst;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        foreach (var value in _values)
        {
            if (JsonEquality.AreEqual(value, instance))
            {
                return true;
            }
        }

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
