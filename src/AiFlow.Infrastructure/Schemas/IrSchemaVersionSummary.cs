using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Schemas;

public sealed record IrSchemaVersionSummary(Guid Id, Guid SchemaId, string SchemaName, int Number, bool IsActive, bool AssertFormats, JsonNode? Schema, DateTimeOffset CreatedAt, string? CreatedBy);
