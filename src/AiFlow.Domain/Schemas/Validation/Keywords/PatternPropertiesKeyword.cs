using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>patternProperties</c>.</summary>
internal sealed class PatternPropertiesKeyword : Keyword
{
    private readonly EcmaRegex[] _patterns;
    private readonly SchemaNode[] _schemas;

    public PatternPropertiesKeyword(KeywordSite site, EcmaRegex[] patterns, SchemaNode[] schemas)
        : base(site)
    {
        _patterns = patterns;
        _schemas = schemas;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        int position = 0;
        foreach (var property in instance.EnumerateObject())
        {
            // The pooled name buffer stays rented while subschemas run; nested rentals get their own arrays.
            using var name = RentedText.OfName(property);
            for (int i = 0; i < _patterns.Length; i++)
            {
                if (!_patterns[i].IsMatch(name.Span))
                {
                    continue;
                }

                tracker?.Mark(position);
                context.PushProperty(property);
                bool ok = _schemas[i].Evaluate(context, property.Value, null);
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
