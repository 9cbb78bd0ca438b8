using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>prefixItems</c>: positional item schemas.</summary>
internal sealed class PrefixItemsKeyword : Keyword
{
    private readonly SchemaNode[] _schemas;

    public PrefixItemsKeyword(KeywordSite site, SchemaNode[] schemas)
        : base(site)
    {
        _schemas = schemas;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        bool valid = true;
        int i = -1;
        foreach (var item in instance.EnumerateArray())
        {
            if (++i >= _schemas.Length)
            {
                break;
            }

            tracker?.Mark(i);
            context.PushIndex(i);
            bool ok = _schemas[i].Evaluate(context, item, null);
            context.Pop();
            if (!ok)
            {
                valid = false;
                if (!context.Collecting)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
