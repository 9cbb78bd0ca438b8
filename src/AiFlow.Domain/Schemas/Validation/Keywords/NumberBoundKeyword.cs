using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>.</summary>
internal sealed class NumberBoundKeyword : Keyword
{
    private readonly JsonNumber _limit;
    private readonly bool _isMinimum;
    private readonly bool _exclusive;

    public NumberBoundKeyword(KeywordSite site, JsonNumber limit, bool isMinimum, bool exclusive)
        : base(site)
    {
        _limit = limit;
        _isMinimum = isMinimum;
        _exclusive = exclusive;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        int cmp = _limit.CompareTo(instance);
        bool ok = _isMinimum ? (_exclusive ? cmp > 0 : cmp >= 0) : (_exclusive ? cmp < 0 : cmp <= 0);
        if (!ok && context.Collecting)
        {
            string op = (_isMinimum, _exclusive) switch
            {
                (true, false) => "≥",
                (true, true) => ">",
                (false, false) => "≤",
                (false, true) => "<",
            };
            context.Fail(Site, $"{context.Where()} must be {op} {_limit.Text}, was {Describe.Value(instance)}");
        }

        return ok;
    }
}
