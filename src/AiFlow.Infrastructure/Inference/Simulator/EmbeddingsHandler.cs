using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// POST /embeddings: one feature-hashing vector per input, as floats or base64 little-endian float32.
internal static class EmbeddingsHandler
{
    public static async Task<IResult> HandleAsync(HttpRequest request, SimulatorRuntime runtime)
    {
        var body = await RequestBody.ReadAsync(request);
        using var json = body.Json;
        if (json is null)
        {
            return OpenAiJson.BadRequest("The request body is not valid JSON.");
        }

        var root = json.RootElement;
        var inputs = Inputs(SchemaKeywords.Get(root, "input"));
        if (inputs is null)
        {
            return OpenAiJson.BadRequest("'input' must be a string or an array of strings.");
        }

        var model = SchemaKeywords.String(root, "model") ?? SimulatorModels.Embedding;
        var base64 = SchemaKeywords.String(root, "encoding_format") == "base64";
        return await SimulatorPipeline.RunAsync(request, runtime, model, body.Fingerprint, (_, _) => Respond(inputs, model, base64));
    }

    private static IResult Respond(List<string> inputs, string model, bool base64)
    {
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = FeatureHashingEmbedder.Embed(inputs[i]);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? ToBase64(vector) : new JsonArray(vector.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            });
        }

        var tokens = inputs.Sum(TokenCounter.Count);
        return OpenAiJson.Ok(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    // Explicit little-endian, as the OpenAI clients decode it, whatever the host's byte order.
    public static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    // A string, an array of strings, or token arrays (which are embedded by their numbers' text).
    private static List<string>? Inputs(JsonElement? input) => input switch
    {
        { ValueKind: JsonValueKind.String } single => [single.GetString()!],
        { ValueKind: JsonValueKind.Array } tokens when tokens.EnumerateArray().All(t => t.ValueKind == JsonValueKind.Number)
            => [tokens.GetRawText()],
        { ValueKind: JsonValueKind.Array } many when many.GetArrayLength() > 0 => many.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())
            .ToList(),
        _ => null,
    };
}
