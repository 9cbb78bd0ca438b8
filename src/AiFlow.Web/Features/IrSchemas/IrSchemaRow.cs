namespace AiFlow.Web.Features.IrSchemas;

/// <summary>A schema in the editor's picker; <paramref name="Archived"/> ones are offered only under the Archived toggle.</summary>
public sealed record IrSchemaRow(Guid Id, string Name, int? ActiveNumber, int LatestNumber, bool Archived = false);
