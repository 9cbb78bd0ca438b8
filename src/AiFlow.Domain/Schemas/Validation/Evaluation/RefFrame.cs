namespace AiFlow.Domain.Schemas.Validation;

/// <summary>An active $ref/$dynamicRef jump: used for loop detection, dynamic scope and keyword locations.</summary>
internal readonly record struct RefFrame(KeywordSite Reference, SchemaNode Target, int InstanceDepth);
