using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary><c>POST /api/ir-schemas</c>: a name, an optional step definition, the schema document (any JSON) and whether formats assert.</summary>
public sealed record IrSchemaCreateBody(string? Name, Guid? StepDefinitionId, JsonNode? Schema, bool? AssertFormats);
