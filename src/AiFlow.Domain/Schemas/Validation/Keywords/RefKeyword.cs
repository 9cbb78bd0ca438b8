using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// <c>$ref</c> and <c>$dynamicRef</c>. The static target is bound after compilation (so cycles work);
/// a bookended <c>$dynamicRef</c> re-targets to the outermost resource in the dynamic scope declaring the anchor.
/// </summary>
internal sealed class RefKeyword : Keyword
{
    private SchemaNode? _target;
    private string? _dynamicAnchor;

    public RefKeyword(KeywordSite site, string targetKey)
        : base(site)
    {
        TargetKey = targetKey;
    }

    public string TargetKey { get; }

    public void Bind(SchemaNode target, string? dynamicAnchor)
    {
        _target = target;
        _dynamicAnchor = dynamicAnchor;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        var target = _target!;
        if (_dynamicAnchor is not null)
        {
            for (int i = 0; i < context.ScopeCount; i++)
            {
                if (context.ScopeAt(i).DynamicAnchors.TryGetValue(_dynamicAnchor, out var dynamicTarget))
                {
                    target = dynamicTarget;
                    break;
                }
            }
        }

        if (!context.PushFrame(Site, target))
        {
            throw new SchemaLimitExceededException(
                $"infinite $ref recursion: `{Site.AbsoluteLocation}` re-entered {target.Site.AbsoluteLocation} at {context.Where()}");
        }

        bool pushedScope = context.PushScope(target.Resource);
        bool valid = target.Evaluate(context, instance, tracker);
        if (pushedScope)
        {
            context.PopScope();
        }

        context.PopFrame();
        return valid;
    }
}
