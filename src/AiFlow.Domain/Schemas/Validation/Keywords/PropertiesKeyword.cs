using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>properties</c>.</summary>
internal sealed class PropertiesKeyword : Keyword
{
    private readonly PropertyNameLookup _names;
    private readonly SchemaNode[] _schemas;

    public PropertiesKeyword(KeywordSite site, PropertyNameLookup names, SchemaNode[] schemas)
        : base(site)
    {
        _names = names;
        _schemas = schemas;
    }

    public PropertyNameLookup Names => _names;

    public SchemaNode[] Schemas => _schemas;

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        int position = 0;
        int next = 0;
        foreach (var property in instance.EnumerateObject())
        {
            int index = _names.IndexOf(property, next);
            if (index >= 0)
            {
                next = index + 1;
                tracker?.Mark(position);
                context.PushName(_names.Names[index]);
                bool ok = _schemas[index].Evaluate(context, property.Value, null);
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

            position++;
        }

        return valid;
    }
}
