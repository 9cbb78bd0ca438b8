using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary><c>type</c>: one or more of the seven JSON Schema types.</summary>
internal sealed class TypeKeyword : Keyword
{
    private readonly JsonTypes _types;
    private readonly string _expected;

    public TypeKeyword(KeywordSite site, JsonTypes types, string expected)
        : base(site)
    {
        _types = types;
        _expected = expected;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker)
    {
        bool ok = instance.ValueKind switch
        {
            JsonValueKind.Object => (_types & JsonTypes.Object) != 0,
            JsonValueKind.Array => (_types & JsonTypes.Array) != 0,
            JsonValueKind.String => (_types & JsonTypes.String) != 0,
            JsonValueKind.True or JsonValueKind.False => (_types & JsonTypes.Boolean) != 0,
            JsonValueKind.Null => (_types & JsonTypes.Null) != 0,
            JsonValueKind.Number => (_types & JsonTypes.Number) != 0
                || ((_types & JsonTypes.Integer) != 0 && JsonNumber.IsInteger(instance)),
            _ => false,
        };
        if (!ok && context.Collecting)
        {
            context.Fail(Site, $"{context.Where()} must be {_expected}, was {Describe.Kind(instance)}");
        }

        return ok;
    }
}
