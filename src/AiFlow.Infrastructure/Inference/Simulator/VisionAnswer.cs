using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Media.Imaging;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// The simulator's answer about the images it was sent, from their decoded pixels: when the schema asks for a
/// top-level <c>images</c> array, one <c>{"width","height","meanColor"}</c> per inline image, in order; when it asks
/// for a <c>description</c> string, a sentence stating each image's size and mean colour. Deterministic, so a test
/// proves the bytes arrived (and were sized down) by reading the IR.
/// </summary>
internal static class VisionAnswer
{
    public static JsonNode? Apply(JsonElement schema, JsonNode? instance, IReadOnlyList<ImageFacts?> images)
    {
        if (images.Count == 0 || instance is not JsonObject answer) return instance;
        var facts = images.OfType<ImageFacts>().ToList();
        if (Asks(schema, "images"))
        {
            answer["images"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject
            {
                ["width"] = f.Width,
                ["height"] = f.Height,
                ["meanColor"] = f.MeanColor,
            })]);
        }
        if (Asks(schema, "description"))
        {
            answer["description"] = string.Join(" ", facts.Select((f, i) => $"Image {i + 1}: {f.Describe()}."));
        }
        return answer;
    }

    private static bool Asks(JsonElement schema, string property) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
        && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property, out _);
}
