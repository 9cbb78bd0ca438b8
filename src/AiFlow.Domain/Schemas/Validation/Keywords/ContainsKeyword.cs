using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>contains</c> with its siblings <c>minContains</c>/<c>maxContains</c>.</summary>
internal sealed class ContainsKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly long _min;
    private readonly long? _max;

    public ContainsKeyword(KeywordSite site, SchemaNode schema, long min, long? max)
        : base(site)
    {
        _schema = schema;
        _min = min;
        _max = max;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        int matches = 0;
        bool collecting = context.Collecting;
        context.Collecting = false;
        try
        {
            int i = -1;
            foreach (var item in instance.EnumerateArray())
            {
                context.PushIndex(++i);
                bool ok = _schema.Evaluate(context, item, null);
                context.Pop();
                if (ok)
                {
                    matches++;
                    tracker?.Mark(i);

                    // Stop early once the answer cannot change and nobody needs the matched indices.
                    if (tracker is null && matches >= _min && _max is null)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            context.Collecting = collecting;
        }

        bool valid = matches >= _min && (_max is null || matches <= _max);
        if (!valid && collecting)
        {
            string message = matches < _min
                ? $"{context.Where()} must contain at least {Describe.Plural((int)Math.Min(_min, int.MaxValue), "item")} matching `contains`, found {matches}"
                : $"{context.Where()} must contain at most {Describe.Plural((int)Math.Min(_max!.Value, int.MaxValue), "item")} matching `contains`, found {matches}";
            context.Fail(Site, message);
        }

        return valid;
    }
}
