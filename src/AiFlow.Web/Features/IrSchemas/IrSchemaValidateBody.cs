using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary><c>POST /api/ir-schemas/validate</c>: a schema (inline or by version id), the instance to check (any JSON, null included) and options.</summary>
public sealed record IrSchemaValidateBody(JsonNode? Schema, Guid? SchemaId, JsonNode? Instance, IrSchemaValidateOptions? Options);
