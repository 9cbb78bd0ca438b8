namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Which keywords hold subschemas, so scanning finds every embedded resource and anchor.</summary>
internal static class SchemaKeywordNames
{
    public static bool IsSingleSchema(string name) => name is
        "additionalProperties" or "propertyNames" or "items" or "contains" or "not" or "if" or "then" or "else"
        or "unevaluatedItems" or "unevaluatedProperties" or "contentSchema";

    public static bool IsSchemaMap(string name) => name is
        "$defs" or "definitions" or "properties" or "patternProperties" or "dependentSchemas";

    public static bool IsSchemaArray(string name) => name is "allOf" or "anyOf" or "oneOf" or "prefixItems";

    public static Vocabularies VocabularyOf(string uri) => uri switch
    {
        "https://json-schema.org/draft/2020-12/vocab/core" => Vocabularies.Core,
        "https://json-schema.org/draft/2020-12/vocab/applicator" => Vocabularies.Applicator,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated" => Vocabularies.Unevaluated,
        "https://json-schema.org/draft/2020-12/vocab/validation" => Vocabularies.Validation,
        "https://json-schema.org/draft/2020-12/vocab/meta-data" => Vocabularies.MetaData,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation" => Vocabularies.FormatAnnotation,
        "https://json-schema.org/draft/2020-12/vocab/format-assertion" => Vocabularies.FormatAssertion,
        "https://json-schema.org/draft/2020-12/vocab/content" => Vocabularies.Content,
        _ => Vocabularies.None,
    };
}
