using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// Size bounds: <c>minLength</c>/<c>maxLength</c> (code points), <c>minItems</c>/<c>maxItems</c>,
/// <c>minProperties</c>/<c>maxProperties</c>.
/// </summary>
internal sealed class CountKeyword : Keyword
{
    private readonly JsonValueKind _kind;
    private readonly long _limit;
    private readonly bool _isMinimum;
    private readonly string _noun;

    public CountKeyword(KeywordSite site, JsonValueKind kind, long limit, bool isMinimum)
        : base(site)
    {
        _kind = kind;
        _limit = limit;
        _isMinimum = isMinimum;
        _noun = kind switch
        {
            JsonValueKind.String => "character",
            JsonValueKind.Array => "item",
            _ => "property",
        };
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != _kind)
        {
            return true;
        }

        int count = _kind switch
        {
            JsonValueKind.String => RentedText.CodePointCount(instance),
            JsonValueKind.Array => instance.GetArrayLength(),
            _ => instance.GetPropertyCount(),
        };
        bool ok = _isMinimum ? count >= _limit : count <= _limit;
        if (!ok && context.Collecting)
        {
            string bound = _isMinimum ? "at least" : "at most";
            string plural = _noun == "property" ? (_limit == 1 ? "property" : "properties") : (_limit == 1 ? _noun : _noun + "s");
            context.Fail(Site, $"{context.Where()} must have {bound} {_limit} {plural}, has {count}");
        }

        return ok;
    }
}
