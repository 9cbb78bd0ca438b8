using System.Text;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>One entry of <c>dependentSchemas</c>: applies the schema in place when the trigger property is present.</summary>
internal sealed class DependentSchemaKeyword : Keyword
{
    private readonly byte[] _trigger;
    private readonly SchemaNode _schema;

    public DependentSchemaKeyword(KeywordSite site, string trigger, SchemaNode schema)
        : base(site)
    {
        _trigger = Encoding.UTF8.GetBytes(trigger);
        _schema = schema;
    }

    public override bool Evaluate(EvaluationContext context, JsonElement instance, AnnotationTracker? tracker) =>
        instance.ValueKind != JsonValueKind.Object
        || !instance.TryGetProperty(_trigger, out _)
        || _schema.Evaluate(context, instance, tracker);
}
