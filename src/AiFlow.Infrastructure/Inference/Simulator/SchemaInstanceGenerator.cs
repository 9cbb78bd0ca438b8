using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Builds a JSON instance that conforms to a JSON Schema, derived deterministically from prompt text:
/// enum values by word overlap, strings from the prompt's sentences and labelled values, numbers from
/// the prompt's numbers (clamped to bounds), arrays with one item per sentence (within min/max items).
/// Pure: the same (schema, prompt) always gives the same instance.
/// </summary>
public static class SchemaInstanceGenerator
{
    public static JsonNode? Generate(JsonElement schema, string? prompt) =>
        new SchemaWalker(schema, new PromptCorpus(prompt)).Generate(schema, SchemaSlot.Root, 0);

    public static string GenerateJson(JsonElement schema, string? prompt) =>
        Generate(schema, prompt)?.ToJsonString() ?? "null";
}
