using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>A compiled (sub)schema: either a boolean schema or an ordered list of keywords.</summary>
internal sealed class SchemaNode
{
    private Keyword[] _keywords = [];
    private bool _tracksAnnotations;

    public SchemaNode(KeywordSite site, SchemaResource resource, bool isResourceRoot, bool? booleanValue)
    {
        Site = site;
        Resource = resource;
        IsResourceRoot = isResourceRoot;
        BooleanValue = booleanValue;
    }

    public KeywordSite Site { get; }

    public SchemaResource Resource { get; }

    public bool IsResourceRoot { get; }

    public bool? BooleanValue { get; }

    /// <summary>Set after construction so that recursive references can point at a node still being compiled.</summary>
    public void Initialize(Keyword[] keywords)
    {
        _keywords = keywords;
        foreach (var keyword in keywords)
        {
            _tracksAnnotations |= keyword.RunsLast;
        }
    }

    public bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        if (BooleanValue is bool value)
        {
            if (!value && context.Collecting)
            {
                context.Fail(Site, FalseSchemaMessage(context));
            }

            return value;
        }

        context.EnterNode();
        bool pushedScope = IsResourceRoot && context.PushScope(Resource);
        AnnotationTracker? own = tracker;
        if (_tracksAnnotations)
        {
            // This node reads annotations itself, so it collects them into its own tracker and passes them up only if valid.
            own = instance.ValueKind switch
            {
                JsonValueKind.Object => context.RentTracker(instance.GetPropertyCount()),
                JsonValueKind.Array => context.RentTracker(instance.GetArrayLength()),
                _ => null,
            };
        }

        bool valid = true;
        var keywords = _keywords;
        for (int i = 0; i < keywords.Length; i++)
        {
            if (!keywords[i].Evaluate(context, instance, own))
            {
                valid = false;
                if (!context.Collecting)
                {
                    break;
                }
            }
        }

        if (_tracksAnnotations && own is not null)
        {
            if (valid && tracker is not null)
            {
                tracker.MergeFrom(own);
            }

            context.ReturnTracker(own);
        }

        if (pushedScope)
        {
            context.PopScope();
        }

        context.ExitNode();
        return valid;
    }

    /// <summary>Wording for a `false` schema, after the keyword that applied it (failure path only).</summary>
    private string FalseSchemaMessage(EvaluationContext context)
    {
        string pointer = Site.DocumentPointer;
        string keyword = pointer[(pointer.LastIndexOf('/') + 1)..];
        return keyword switch
        {
            "additionalProperties" or "unevaluatedProperties" => $"{context.Where()} is not an allowed property ({keyword} is false)",
            "items" or "unevaluatedItems" => $"{context.Where()} is not an allowed item ({keyword} is false)",
            _ => $"{context.Where()} is not allowed here (the schema is `false`)",
        };
    }
}
