using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary><c>PUT /api/ir-schemas/{id}</c>: the new version's document, whether formats assert, and the latest version the client knew.</summary>
public sealed record IrSchemaVersionBody(JsonNode? Schema, bool? AssertFormats, int? ExpectedLatest);
