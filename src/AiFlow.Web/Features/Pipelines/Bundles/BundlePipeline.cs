using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>The pipeline a bundle's version belongs to; its hash covers the key and the input schema (name and description may differ).</summary>
public sealed record BundlePipeline(string? Key, string? Name, string? Description, JsonNode? InputSchema, string? Hash);
