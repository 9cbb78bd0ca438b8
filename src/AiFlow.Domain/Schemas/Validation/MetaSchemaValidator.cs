using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Validates a schema document against the built-in draft 2020-12 meta-schema.</summary>
public static class MetaSchemaValidator
{
    private static readonly Lazy<CompiledSchema> s_metaSchema = new(() =>
    {
        BuiltInMetaSchemas.TryGet(BuiltInMetaSchemas.Draft202012, out var document);
        return JsonSchemaCompiler.Compile(document);
    });

    public static SchemaValidationResult Validate(JsonElement schema) => s_metaSchema.Value.Validate(schema);

    public static bool IsValid(JsonElement schema) => s_metaSchema.Value.IsValid(schema);
}
