using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>if</c> with its sibling <c>then</c>/<c>else</c>; the <c>if</c> result itself never fails validation.</summary>
internal sealed class IfThenElseKeyword : Keyword
{
    private readonly SchemaNode _if;
    private readonly SchemaNode? _then;
    private readonly SchemaNode? _else;

    public IfThenElseKeyword(KeywordSite site, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise)
        : base(site)
    {
        _if = condition;
        _then = then;
        _else = otherwise;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (tracker is null && _then is null && _else is null)
        {
            // A lone `if` only contributes annotations, and nobody is collecting them.
            return true;
        }

        bool collecting = context.Collecting;
        context.Collecting = false;
        bool matched;
        try
        {
            if (tracker is null)
            {
                matched = _if.Evaluate(context, instance, null);
            }
            else
            {
                var branch = context.RentTracker(AnnotationLength(instance));
                matched = _if.Evaluate(context, instance, branch);
                if (matched)
                {
                    tracker.MergeFrom(branch);
                }

                context.ReturnTracker(branch);
            }
        }
        finally
        {
            context.Collecting = collecting;
        }

        var next = matched ? _then : _else;
        return next is null || next.Evaluate(context, instance, tracker);
    }

    private static int AnnotationLength(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => instance.GetPropertyCount(),
        JsonValueKind.Array => instance.GetArrayLength(),
        _ => 0,
    };
}
