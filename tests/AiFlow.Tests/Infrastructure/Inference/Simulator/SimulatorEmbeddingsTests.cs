using System.Buffers.Binary;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorEmbeddingsTests
{
    private static async Task<List<float[]>> EmbedAsync(HttpClient client, string baseUrl, bool base64, params string[] inputs)
    {
        var body = new JsonObject
        {
            ["model"] = SimulatorModels.Embedding,
            ["input"] = new JsonArray(inputs.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        };
        if (base64)
        {
            body["encoding_format"] = "base64";
        }

        using var response = await PostJsonAsync(client, baseUrl + "/embeddings", body);
        response.EnsureSuccessStatusCode();
        var json = await ReadObjectAsync(response);
        Assert.True(json["usage"]!["prompt_tokens"]!.GetValue<int>() >= inputs.Length);
        return json["data"]!.AsArray()
            .OrderBy(d => d!["index"]!.GetValue<int>())
            .Select(d => base64 ? Decode(d!["embedding"]!.GetValue<string>()) : d!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray())
            .ToList();
    }

    private static float[] Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return vector;
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public async Task Embeddings_are_384_dimensional_unit_vectors_and_base64_decodes_to_the_same_floats()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        var floats = await EmbedAsync(client, server.BaseUrl, base64: false, "The invoice is overdue.", "Kubernetes pods");
        var decoded = await EmbedAsync(client, server.BaseUrl, base64: true, "The invoice is overdue.", "Kubernetes pods");

        Assert.Equal(2, floats.Count);
        Assert.All(floats, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(Cosine(v, v)), 4);
        });
        Assert.Equal(floats[0], decoded[0]);
        Assert.Equal(floats[1], decoded[1]);
    }

    [Fact]
    public async Task Same_text_gives_the_same_vector_and_similar_texts_are_closer_than_unrelated_ones()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        var v = await EmbedAsync(
            client,
            server.BaseUrl,
            base64: true,
            "The customer asked for a refund of the invoice.",
            "The customer asked for a refund of the invoice.",
            "A customer requested an invoice refund.",
            "GPU kernels schedule warps on streaming multiprocessors.");

        Assert.Equal(v[0], v[1]);
        Assert.True(Cosine(v[0], v[2]) > Cosine(v[0], v[3]) + 0.2, $"{Cosine(v[0], v[2])} vs {Cosine(v[0], v[3])}");
    }

    [Fact]
    public void Embedder_is_usable_in_process_and_matches_the_endpoint_dimensions()
    {
        var vector = FeatureHashingEmbedder.Embed(string.Empty);

        Assert.Equal(FeatureHashingEmbedder.Dimensions, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(Cosine(vector, vector)), 4);
    }
}
