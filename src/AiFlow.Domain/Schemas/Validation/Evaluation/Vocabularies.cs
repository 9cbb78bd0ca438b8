namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Vocabularies enabled for a schema resource (decided by its meta-schema's $vocabulary).</summary>
[Flags]
internal enum Vocabularies
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Unevaluated = 4,
    Validation = 8,
    MetaData = 16,
    FormatAnnotation = 32,
    FormatAssertion = 64,
    Content = 128,
    Default = Core | Applicator | Unevaluated | Validation | MetaData | FormatAnnotation | Content,
}
