using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// <c>anyOf</c> and <c>oneOf</c>. Each branch gets its own tracker (kept only if the branch passes);
/// branch errors are kept only when the keyword fails as a whole.
/// </summary>
internal sealed class AnyOfKeyword : Keyword
{
    private readonly SchemaNode[] _schemas;
    private readonly bool _exactlyOne;

    public AnyOfKeyword(KeywordSite site, SchemaNode[] schemas, bool exactlyOne)
        : base(site)
    {
        _schemas = schemas;
        _exactlyOne = exactlyOne;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        int mark = context.ErrorMark;
        int passed = 0;
        int firstPassed = -1;
        int secondPassed = -1;
        for (int i = 0; i < _schemas.Length; i++)
        {
            bool ok;
            if (tracker is null)
            {
                ok = _schemas[i].Evaluate(context, instance, null);
            }
            else
            {
                var branch = context.RentTracker(Length(instance));
                ok = _schemas[i].Evaluate(context, instance, branch);
                if (ok)
                {
                    tracker.MergeFrom(branch);
                }

                context.ReturnTracker(branch);
            }

            if (!ok)
            {
                continue;
            }

            passed++;
            if (firstPassed < 0)
            {
                firstPassed = i;
            }
            else if (secondPassed < 0)
            {
                secondPassed = i;
            }

            // Without annotations to gather, the outcome is already decided.
            if (tracker is null && (!_exactlyOne || passed > 1))
            {
                break;
            }
        }

        bool valid = _exactlyOne ? passed == 1 : passed > 0;
        if (valid)
        {
            context.Rollback(mark);
        }
        else if (context.Collecting)
        {
            if (passed > 1)
            {
                context.Rollback(mark);
                context.Fail(Site, $"{context.Where()} must match exactly one schema in oneOf, but matched schemas {firstPassed} and {secondPassed}");
            }
            else
            {
                string which = _exactlyOne ? "exactly one schema in oneOf" : "at least one schema in anyOf";
                context.Fail(Site, $"{context.Where()} must match {which}, but matched none");
            }
        }

        return valid;
    }

    private static int Length(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => instance.GetPropertyCount(),
        JsonValueKind.Array => instance.GetArrayLength(),
        _ => 0,
    };
}
