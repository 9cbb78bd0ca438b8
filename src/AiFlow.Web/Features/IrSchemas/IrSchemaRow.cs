namespace AiFlow.Web.Features.IrSchemas;

public sealed record IrSchemaRow(Guid Id, string Name, int? ActiveNumber, int LatestNumber);
