using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>An IR schema version; <see cref="Key"/> is the schema's name, which is unique on every console.</summary>
public sealed record BundleIrSchema(string? Key, int Number, JsonNode? Schema, bool AssertFormats, string? Hash);
