namespace AiFlow.Domain.Schemas.Validation;

/// <summary>One failed assertion, located both in the instance and in the schema.</summary>
/// <param name="InstanceLocation">JSON Pointer into the instance ("" is the root).</param>
/// <param name="KeywordLocation">JSON Pointer of the keyword along the evaluation path (through $ref).</param>
/// <param name="AbsoluteKeywordLocation">Absolute URI of the keyword in its schema resource.</param>
/// <param name="Message">Plain-English explanation.</param>
public sealed record SchemaValidationError(
    string InstanceLocation,
    string KeywordLocation,
    string AbsoluteKeywordLocation,
    string Message)
{
    public override string ToString() => Message;
}
