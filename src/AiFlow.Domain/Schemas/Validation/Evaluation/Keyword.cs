using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>A compiled keyword. Evaluate must not allocate while the instance is valid.</summary>
internal abstract class Keyword
{
    protected Keyword(KeywordSite site)
    {
        Site = site;
    }

    public KeywordSite Site { get; }

    /// <summary>Unevaluated* keywords run last because they read the annotations of their siblings.</summary>
    public virtual bool RunsLast => false;

    /// <param name="tracker">Collects evaluated properties/items for unevaluated*; null when nobody needs them.</param>
    public abstract bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker);
}
