using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>allOf</c>: annotations flow straight into the caller's tracker since any failure fails the parent.</summary>
internal sealed class AllOfKeyword : Keyword
{
    private readonly SchemaNode[] _schemas;

    public AllOfKeyword(KeywordSite site, SchemaNode[] schemas)
        : base(site)
    {
        _schemas = schemas;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        bool valid = true;
        foreach (var schema in _schemas)
        {
            if (!schema.Evaluate(context, instance, tracker))
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
