using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>not</c>: the subschema is run in silent mode; annotations never survive a <c>not</c>.</summary>
internal sealed class NotKeyword : Keyword
{
    private readonly SchemaNode _schema;

    public NotKeyword(KeywordSite site, SchemaNode schema)
        : base(site)
    {
        _schema = schema;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        bool collecting = context.Collecting;
        context.Collecting = false;
        bool inner;
        try
        {
            inner = _schema.Evaluate(context, instance, null);
        }
        finally
        {
            context.Collecting = collecting;
        }

        if (inner && collecting)
        {
            context.Fail(Site, $"{context.Where()} must not match the schema in `not`");
        }

        return !inner;
    }
}
