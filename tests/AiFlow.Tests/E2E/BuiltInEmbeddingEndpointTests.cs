using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.BuiltIn;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Embeddings;

namespace AiFlow.Tests.E2E;

/// <summary>
/// Issue 14, "a real embedding model on every machine": the console's built-in MiniLM answers the official OpenAI client
/// over HTTP, as the gateway calls it. One model is loaded per test process (the embedder shares it).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class BuiltInEmbeddingEndpointTests(ConsoleFixture console)
{
    private const string Question = "How do I replace the water filter in my fridge?";
    private const string Instruction = "To change the refrigerator's water filter, turn the old cartridge a quarter turn to the left, pull it out and push the new filter in until it clicks.";
    private const string Unrelated = "The quarterly sales report is due on Friday and must include the regional figures.";

    private Uri BaseUrl => new(console.App.BaseAddress, BuiltInEmbeddingModel.Path.TrimStart('/') + "/");

    private EmbeddingClient Client() => new(BuiltInEmbeddingModel.Name, new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = BaseUrl });

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var http = new HttpClient { BaseAddress = console.App.BaseAddress };
        return await http.PostAsync(new Uri(BuiltInEmbeddingModel.Path + "/embeddings", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task The_openai_client_gets_384_unit_vectors_that_put_a_fridge_filter_question_near_its_instruction_and_far_from_an_unrelated_sentence()
    {
        var result = (await Client().GenerateEmbeddingsAsync([Question, Instruction, Unrelated])).Value;

        Assert.Equal(BuiltInEmbeddingModel.Name, result.Model);
        Assert.Equal([0, 1, 2], result.Select(e => e.Index));
        var vectors = result.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray()).ToArray();
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.InRange(Dot(v, v), 0.999, 1.001));
        var matching = Dot(vectors[0], vectors[1]);
        var unrelated = Dot(vectors[0], vectors[2]);
        Assert.True(matching > 0.5 && matching - unrelated > 0.3, $"matching {matching:0.000}, unrelated {unrelated:0.000}");
        Assert.True(result.Usage.InputTokenCount > 30, $"usage {result.Usage.InputTokenCount}");
    }

    [Fact]
    public async Task Float_and_base64_answers_carry_the_same_vector()
    {
        // The official client asks for base64; a plain caller asks for floats.
        var fromClient = (await Client().GenerateEmbeddingAsync(Question)).Value.ToFloats().ToArray();
        var response = await PostAsync($$"""{"input":"{{Question}}","model":"{{BuiltInEmbeddingModel.Name}}","encoding_format":"float"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var floats = body["data"]![0]!["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();

        Assert.Equal(384, floats.Length);
        Assert.All(floats.Zip(fromClient), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
        Assert.True(body["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_an_openai_style_error_naming_the_problem()
    {
        var empty = await PostAsync("""{"input":[]}""");
        var notJson = await PostAsync("{not json");
        var tooLong = await PostAsync($$"""{"input":"{{new string('a', 40_000)}}"}""");

        foreach (var (response, message) in new[] { (empty, "'input' is an empty array"), (notJson, "not valid JSON"), (tooLong, "at most 32768 are accepted") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
            Assert.Contains(message, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // The client itself refuses an empty string; a blank one reaches the server.
        var fromClient = await Assert.ThrowsAsync<ClientResultException>(() => Client().GenerateEmbeddingsAsync(["fine", "   "]));
        Assert.Equal(400, fromClient.Status);
        Assert.Contains("'input[1]' is empty", fromClient.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_from_another_machine_is_refused_even_through_a_local_proxy()
    {
        using var http = new HttpClient { BaseAddress = console.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BuiltInEmbeddingModel.Path + "/embeddings", UriKind.Relative))
        {
            Content = new StringContent("""{"input":"fridge filter"}""", Encoding.UTF8, "application/json"),
        };
        // A proxy on this machine forwarding a public client: the console believes loopback's X-Forwarded-For.
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("The built-in embedding endpoint serves this machine only.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_demo_catalogue_routes_embedding_calls_to_the_local_minilm_endpoint_on_this_consoles_port()
    {
        var gateway = console.App.Services.GetRequiredService<IInferenceGateway>();
        var expected = BaseUrl.ToString().TrimEnd('/');
        await using (var db = console.Database.CreateContext())
        {
            // The seed assumes port 5080; the console points the endpoint at its own port once Kestrel has bound.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string? baseUrl;
            while ((baseUrl = await db.InferenceEndpoints.AsNoTracking().Where(e => e.Name == BuiltInEmbeddingModel.EndpointName).Select(e => e.BaseUrl).SingleAsync()) != expected
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            Assert.Equal(expected, baseUrl);
            Assert.True(await db.ModelRoutes.AnyAsync(r => r.TaskType == "embedding"));
        }
        console.App.Services.GetRequiredService<EndpointCatalog>().Invalidate();

        // No route named: the "embedding" task type's route, as a collection without a route of its own embeds.
        var result = await gateway.EmbedAsync(new EmbeddingRequest { Inputs = [Question, Unrelated], IdempotencyKey = "builtin-" + Guid.NewGuid().ToString("N") }, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((BuiltInEmbeddingModel.EndpointName, BuiltInEmbeddingModel.Name), (result.EndpointName, result.Model));
        Assert.Equal([384, 384], result.Vectors.Select(v => v.Length));
        Assert.True(result.TokensIn > 0);
    }
}
