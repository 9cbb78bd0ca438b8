using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// <c>additionalProperties</c> (properties not named in sibling <c>properties</c> nor matched by sibling
/// <c>patternProperties</c>) and <c>unevaluatedProperties</c> (properties no adjacent keyword evaluated).
/// </summary>
internal sealed class AdditionalPropertiesKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly PropertyNameLookup? _declared;
    private readonly EcmaRegex[] _patterns;
    private readonly bool _unevaluated;

    public AdditionalPropertiesKeyword(KeywordSite site, SchemaNode schema, PropertyNameLookup? declared, EcmaRegex[] patterns, bool unevaluated)
        : base(site)
    {
        _schema = schema;
        _declared = declared;
        _patterns = patterns;
        _unevaluated = unevaluated;
    }

    public override bool RunsLast => _unevaluated;

    /// <summary>The schema applied to undeclared members, when only sibling <c>properties</c> declares names.</summary>
    public SchemaNode? PlainSchema => _unevaluated || _patterns.Length > 0 ? null : _schema;

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        bool valid = true;
        int position = -1;
        foreach (var property in instance.EnumerateObject())
        {
            position++;
            if (_unevaluated ? tracker is not null && tracker.IsMarked(position) : IsDeclared(property))
            {
                continue;
            }

            tracker?.Mark(position);
            context.PushProperty(property);
            bool ok = _schema.Evaluate(context, property.Value, null);
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

    private bool IsDeclared(JsonProperty property)
    {
        if (_declared is not null && _declared.IndexOf(property) >= 0)
        {
            return true;
        }

        if (_patterns.Length == 0)
        {
            return false;
        }

        using var name = RentedText.OfName(property);
        foreach (var pattern in _patterns)
        {
            if (pattern.IsMatch(name.Span))
            {
                return true;
            }
        }

        return false;
    }
}
