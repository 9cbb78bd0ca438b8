namespace AiFlow.Web.Features.IrSchemas;

public sealed record IrSchemaVersionRow(Guid Id, int Number, bool IsActive, bool AssertFormats, DateTimeOffset CreatedAt, string? CreatedBy);
