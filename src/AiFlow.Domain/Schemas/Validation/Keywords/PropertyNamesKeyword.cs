using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>propertyNames</c>: each name is validated as a string instance (allocates, but only here).</summary>
internal sealed class PropertyNamesKeyword : Keyword
{
    private readonly SchemaNode _schema;

    public PropertyNamesKeyword(KeywordSite site, SchemaNode schema)
        : base(site)
    {
        _schema = schema;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var name = JsonSerializer.SerializeToElement(property.Name, JsonStringContext.Default.String);
            context.PushProperty(property);
            bool ok = _schema.Evaluate(context, name, null);
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
