using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

/// <summary>Builds a transform → human review → transform pipeline in the console's database and drives runs through the API.</summary>
public static class ReviewRunSupport
{
    public const string TextSchema = """{"type":"object","required":["text"],"properties":{"text":{"type":"string","minLength":3}},"additionalProperties":false}""";

    public static HttpClient Client(ConsoleFixture console)
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return client;
    }

    /// <summary>Returns the pipeline key and the human-review step version id.</summary>
    /// <param name="reviewParams">Node params of the review node, e.g. an output-link declaration.</param>
    public static async Task<(string Key, Guid ReviewStep)> AddPipelineAsync(ConsoleFixture console, string[]? labels = null, JsonObject? reviewParams = null,
        AiFlow.Domain.Schemas.ValidationMode mode = AiFlow.Domain.Schemas.ValidationMode.Enforce)
    {
        var key = "hitl-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = console.Database.CreateContext();
        var transform = await TestPipelines.AddTransformStepAsync(db, "t-" + key);
        var review = await TestPipelines.AddHumanReviewStepAsync(db, "check-" + key, TextSchema, mode, labels ?? ["good", "bad"]);
        await TestPipelines.AddPipelineAsync(db, key, null,
            TestPipelines.Transform("draft", transform, """{"text":"draft {{ input.name }}"}"""),
            WithParams(TestPipelines.HumanReview("check", review, "draft"), reviewParams),
            TestPipelines.Transform("final", transform, """{"out":"{{ ir.check.text | upcase }}"}""", "check"));
        return (key, review);
    }

    private static AiFlow.Domain.Pipelines.Dag.DagNode WithParams(AiFlow.Domain.Pipelines.Dag.DagNode node, JsonObject? parameters)
    {
        node.Params = parameters;
        return node;
    }

    public static async Task<Guid> StartAsync(HttpClient client, string key, string name)
    {
        var response = await client.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative),
            new StringContent(new JsonObject { ["input"] = new JsonObject { ["name"] = name } }.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();
    }

    public static async Task<JsonNode> WaitForAsync(HttpClient client, Guid runId, params string[] statuses)
    {
        for (var i = 0; i < 300; i++)
        {
            var run = await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/runs/{runId}", UriKind.Relative));
            if (statuses.Contains(run!["status"]!.GetValue<string>())) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {runId} did not reach {string.Join("/", statuses)} within 30 s.");
    }

    public static JsonNode? Ir(JsonNode run, string node) =>
        run["steps"]!.AsArray().Last(s => s!["nodeKey"]!.GetValue<string>() == node)!["ir"];
}
