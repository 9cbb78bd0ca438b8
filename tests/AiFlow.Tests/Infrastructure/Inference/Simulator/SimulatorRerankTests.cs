using System.Net;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorRerankTests
{
    private static JsonObject Rerank(string query, string[] texts, string? model = null)
    {
        var body = new JsonObject { ["query"] = query, ["texts"] = new JsonArray([.. texts.Select(t => (JsonNode?)t)]) };
        if (model is not null) body["model"] = model;
        return body;
    }

    [Fact]
    public async Task Rerank_answers_teis_shape_best_first_with_the_cosine_of_the_word_sets()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var response = await PostJsonAsync(client, server.BaseUrl + "/rerank",
            Rerank("replace the water filter", ["Close doors firmly.", "Replace the water filter every six months.", "The water connection."]));

        response.EnsureSuccessStatusCode();
        var ranked = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal([1, 2, 0], ranked.Select(r => (int)r!["index"]!));
        // Query words {replace, the, water, filter}; text 1 {replace, the, water, filter, every, six, months}: 4 ÷ √(4·7).
        Assert.Equal(4 / Math.Sqrt(28), (double)ranked[0]!["score"]!, 12);
        // Text 2 {the, water, connection}: 2 ÷ √(4·3); text 0 shares nothing.
        Assert.Equal(2 / Math.Sqrt(12), (double)ranked[1]!["score"]!, 12);
        Assert.Equal(0, (double)ranked[2]!["score"]!);
    }

    [Fact]
    public async Task Rerank_takes_the_simulators_fault_knobs_and_refuses_a_body_without_texts()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var failing = await PostJsonAsync(client, server.BaseUrl + "/rerank", Rerank("water", ["water"], model: "sim-rerank@fault=503"));
        using var noTexts = await PostJsonAsync(client, server.BaseUrl + "/rerank", new JsonObject { ["query"] = "water", ["texts"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTexts.StatusCode);
        var error = JsonNode.Parse(await noTexts.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();
        Assert.Equal("'texts' must be a non-empty array of strings.", error);
    }
}
