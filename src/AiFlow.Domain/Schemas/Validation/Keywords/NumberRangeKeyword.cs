using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c> of one schema together,
/// so the instance number is parsed once.
/// </summary>
internal sealed class NumberRangeKeyword : Keyword
{
    private readonly NumberBound[] _bounds;

    public NumberRangeKeyword(KeywordSite site, NumberBound[] bounds)
        : base(site)
    {
        _bounds = bounds;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var number = new InstanceNumber(instance);
        bool valid = true;
        foreach (var bound in _bounds)
        {
            int cmp = number.CompareTo(bound.Limit);
            bool ok = bound.IsMinimum ? (bound.Exclusive ? cmp > 0 : cmp >= 0) : (bound.Exclusive ? cmp < 0 : cmp <= 0);
            if (ok)
            {
                continue;
            }

            valid = false;
            if (!context.Collecting)
            {
                return false;
            }

            string op = (bound.IsMinimum, bound.Exclusive) switch
            {
                (true, false) => "≥",
                (true, true) => ">",
                (false, false) => "≤",
                (false, true) => "<",
            };
            context.Fail(bound.Site, $"{context.Where()} must be {op} {bound.Limit.Text}, was {Describe.Value(instance)}");
        }

        return valid;
    }
}
