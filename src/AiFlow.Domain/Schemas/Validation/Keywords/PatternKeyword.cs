using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>pattern</c> (ECMA-262, unanchored).</summary>
internal sealed class PatternKeyword : Keyword
{
    private readonly EcmaRegex _regex;

    public PatternKeyword(KeywordSite site, EcmaRegex regex)
        : base(site)
    {
        _regex = regex;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        bool ok;
        using (var text = RentedText.OfString(instance))
        {
            ok = _regex.IsMatch(text.Span);
        }

        if (!ok && context.Collecting)
        {
            context.Fail(Site, $"{context.Where()} must match the pattern `{_regex.Pattern}`, was {Describe.Value(instance)}");
        }

        return ok;
    }
}
