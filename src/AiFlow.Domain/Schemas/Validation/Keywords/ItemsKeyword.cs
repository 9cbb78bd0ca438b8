using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// <c>items</c> (every item after <c>prefixItems</c>) and <c>unevaluatedItems</c> (every item no adjacent
/// keyword evaluated; it runs last and needs the tracker).
/// </summary>
internal sealed class ItemsKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly int _skip;
    private readonly bool _unevaluated;

    public ItemsKeyword(KeywordSite site, SchemaNode schema, int skip, bool unevaluated)
        : base(site)
    {
        _schema = schema;
        _skip = skip;
        _unevaluated = unevaluated;
    }

    public override bool RunsLast => _unevaluated;

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        // Enumerate rather than index: indexing arrays of objects is linear in JsonDocument.
        bool valid = true;
        int i = -1;
        foreach (var item in instance.EnumerateArray())
        {
            i++;
            if (i < _skip || (_unevaluated && tracker is not null && tracker.IsMarked(i)))
            {
                continue;
            }

            context.PushIndex(i);
            bool ok = _schema.Evaluate(context, item, null);
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

        if (valid && tracker is not null)
        {
            tracker.MarkAll();
        }

        return valid;
    }
}
