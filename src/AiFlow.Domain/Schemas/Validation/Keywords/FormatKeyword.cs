using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>format</c> as an assertion (compiled only when assertion is switched on); unknown formats pass.</summary>
internal sealed class FormatKeyword : Keyword
{
    private readonly string _format;
    private readonly Func<string, bool> _check;

    public FormatKeyword(KeywordSite site, string format, Func<string, bool> check)
        : base(site)
    {
        _format = format;
        _check = check;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        // Format checks need a string; assertion is opt-in, so this allocation only happens when asked for.
        bool ok = _check(instance.GetString()!);
        if (!ok && context.Collecting)
        {
            context.Fail(Site, $"{context.Where()} must be a valid {_format}, was {Describe.Value(instance)}");
        }

        return ok;
    }
}
