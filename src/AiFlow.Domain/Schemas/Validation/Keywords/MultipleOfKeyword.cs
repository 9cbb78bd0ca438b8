using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>multipleOf</c>.</summary>
internal sealed class MultipleOfKeyword : Keyword
{
    private readonly JsonNumber _divisor;

    public MultipleOfKeyword(KeywordSite site, JsonNumber divisor)
        : base(site)
    {
        _divisor = divisor;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number || _divisor.Divides(instance))
        {
            return true;
        }

        if (context.Collecting)
        {
            context.Fail(Site, $"{context.Where()} must be a multiple of {_divisor.Text}, was {Describe.Value(instance)}");
        }

        return false;
    }
}
