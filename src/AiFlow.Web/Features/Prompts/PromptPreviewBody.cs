using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Prompts;

/// <summary><c>POST /api/prompts/preview</c>: a template or a saved version (and variant), the sample input (any JSON) and parameters.</summary>
public sealed record PromptPreviewBody(string? Template, Guid? VersionId, string? Variant, JsonNode? Input, JsonObject? Params);
