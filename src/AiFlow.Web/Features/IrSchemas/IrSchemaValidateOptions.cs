namespace AiFlow.Web.Features.IrSchemas;

/// <summary>How <c>/api/ir-schemas/validate</c> reads the schema: <c>format</c> asserts only when asked.</summary>
public sealed record IrSchemaValidateOptions(bool? AssertFormats);
