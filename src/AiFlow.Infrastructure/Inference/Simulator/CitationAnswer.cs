using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// The simulator's grounded answer: when the schema asks for a top-level <c>citations</c> array and the prompt quotes
/// retrieved chunks as <c>[id] heading (p. N): text</c> lines (a prompt's <c>context</c>), it cites the first two of
/// them and, if the schema has an <c>answer</c> string, answers with the first sentence of the first chunk. A real
/// model cites what it read; a simulator that invented ids would make every demo answer fail its citation check.
/// Deterministic, like the rest of the simulator.
/// </summary>
internal static partial class CitationAnswer
{
    private const int Cited = 2;

    public static JsonNode? Apply(JsonElement schema, JsonNode? instance, string prompt)
    {
        if (instance is not JsonObject answer || !Asks(schema, "citations")) return instance;
        var quoted = Quoted().Matches(prompt);
        if (quoted.Count == 0) return instance;
        answer["citations"] = new JsonArray([.. quoted.Take(Cited).Select(m => (JsonNode)JsonValue.Create(m.Groups["id"].Value))]);
        if (Asks(schema, "answer"))
        {
            var text = quoted[0].Groups["text"].Value.Trim();
            var end = text.IndexOfAny(['.', '!', '?']);
            answer["answer"] = end > 0 ? text[..(end + 1)] : text;
        }
        return answer;
    }

    private static bool Asks(JsonElement schema, string property) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
        && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property, out _);

    [GeneratedRegex(@"^\[(?<id>[0-9a-fA-F-]{36})\][^:\n]*:[ \t]*(?<text>[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex Quoted();
}
