using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorFaultTests
{
    private const string Prompt = "Invoice from Nordwind Hardware GmbH. Total: 1299.50 EUR for 3 lines of hardware.";

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value);

    [Fact]
    public async Task Fault_header_500_returns_an_openai_error()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var response = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat(Prompt), Headers(("x-sim-fault", "500")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("server_error", (await ReadObjectAsync(response))["error"]!["type"]!.GetValue<string>());
        Assert.Equal(1, server.Stats.FaultsInjected);
    }

    [Fact]
    public async Task Fault_429_carries_a_retry_after_header()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var response = await PostJsonAsync(
            client, server.BaseUrl + "/chat/completions", Chat(Prompt), Headers(("x-sim-fault", "429"), ("x-sim-retry-after", "3")));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Model_name_suffix_selects_the_fault_without_headers()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var failing = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat(Prompt, model: "sim-chat@fault=503"));
        using var limited = await PostJsonAsync(client, server.BaseUrl + "/embeddings", new JsonObject { ["model"] = "sim-embed@fault=429@retry-after=2", ["input"] = "x" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Malformed_fault_returns_content_that_is_not_json()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var response = await PostJsonAsync(
            client, server.BaseUrl + "/chat/completions", Chat(Prompt, InvoiceSchema), Headers(("x-sim-fault", "malformed")));
        var content = await ContentOfAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(content));
    }

    [Fact]
    public async Task Schema_violation_fault_returns_valid_json_missing_a_required_property()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();

        using var response = await PostJsonAsync(
            client, server.BaseUrl + "/chat/completions", Chat(Prompt, InvoiceSchema, model: "sim-chat@fault=schema-violation"));
        var content = JsonNode.Parse(await ContentOfAsync(response))!.AsObject();

        var required = new[] { "vendor", "total", "currency", "lineCount", "category", "urgent" };
        Assert.Contains(required, name => !content.ContainsKey(name));
    }

    [Fact]
    public async Task Timeout_fault_hangs_until_the_client_gives_up()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() =>
            PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat(Prompt), Headers(("x-sim-fault", "timeout"))));

        // The aborted request is released on the server side too.
        var deadline = Stopwatch.StartNew();
        while (server.Stats.InFlight > 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, server.Stats.InFlight);
    }

    [Fact]
    public async Task Fail_first_fails_the_first_calls_per_idempotency_key_then_succeeds()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await PostJsonAsync(
                client, server.BaseUrl + "/chat/completions", Chat(Prompt), Headers(("x-sim-fail-first", "2"), ("Idempotency-Key", "step-42")));
            statuses.Add(response.StatusCode);
        }

        using var otherKey = await PostJsonAsync(
            client, server.BaseUrl + "/chat/completions", Chat(Prompt), Headers(("x-sim-fail-first", "2"), ("x-idempotency-key", "step-43")));

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.InternalServerError, otherKey.StatusCode);
        Assert.Equal(3, server.Stats.CallsFor("step-42"));
        Assert.Equal(1, server.Stats.CallsFor("step-43"));
    }

    [Fact]
    public async Task Fail_first_in_the_model_suffix_keys_retries_by_request_body()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        var body = Chat(Prompt, model: "sim-chat@fail-first=1");

        using var first = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", body);
        using var retry = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", body);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Configured_rates_inject_faults_with_the_configured_share()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { ErrorRate500 = 0.5, Seed = 7 });
        using var client = new HttpClient();
        var failures = 0;

        for (var i = 0; i < 60; i++)
        {
            using var response = await PostJsonAsync(client, server.BaseUrl + "/embeddings", new JsonObject { ["input"] = "x" });
            failures += response.StatusCode == HttpStatusCode.InternalServerError ? 1 : 0;
        }

        Assert.InRange(failures, 15, 45);
    }
}
