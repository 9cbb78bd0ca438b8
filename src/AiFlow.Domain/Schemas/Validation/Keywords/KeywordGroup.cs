using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Several keyword objects compiled from one keyword (dependentRequired, dependentSchemas entries).</summary>
internal sealed class KeywordGroup : Keyword
{
    private readonly Keyword[] _parts;

    public KeywordGroup(KeywordSite site, Keyword[] parts)
        : base(site)
    {
        _parts = parts;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        bool valid = true;
        foreach (var part in _parts)
        {
            if (!part.Evaluate(context, instance, tracker))
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
