using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Inference.Simulator;
using static AiFlow.Tests.Infrastructure.Inference.Simulator.SimulatorHttp;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

public sealed class SimulatorLatencyAndStatsTests
{
    [Fact]
    public async Task Requested_latency_is_roughly_honoured()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var warmUp = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat("warm up"));

        var fast = Stopwatch.StartNew();
        using var quick = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat("hello"));
        fast.Stop();
        var slow = Stopwatch.StartNew();
        using var delayed = await PostJsonAsync(client, server.BaseUrl + "/chat/completions", Chat("hello", model: "sim-chat@latency=300"));
        slow.Stop();

        Assert.InRange(slow.ElapsedMilliseconds, 280, 3000);
        Assert.True(fast.ElapsedMilliseconds < slow.ElapsedMilliseconds);
    }

    [Fact]
    public async Task Max_in_flight_counts_concurrent_requests()
    {
        const int concurrent = 8;
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { LatencyMs = 400 });
        using var client = new HttpClient();

        var calls = Enumerable.Range(0, concurrent).Select(async i =>
        {
            using var response = await PostJsonAsync(
                client, server.BaseUrl + "/chat/completions", Chat("call " + i), new Dictionary<string, string> { ["Idempotency-Key"] = "step-" + i });
            response.EnsureSuccessStatusCode();
        });
        await Task.WhenAll(calls);

        var stats = JsonNode.Parse(await client.GetStringAsync(new Uri(server.BaseUrl + "/_stats")))!;
        Assert.Equal(concurrent, stats["maxInFlight"]!.GetValue<long>());
        Assert.Equal(concurrent, stats["totalRequests"]!.GetValue<long>());
        Assert.Equal(0, stats["inFlight"]!.GetValue<long>());
        Assert.All(stats["callsPerIdempotencyKey"]!.AsObject(), key => Assert.Equal(1, key.Value!.GetValue<int>()));
    }

    [Fact]
    public async Task Stats_reset_clears_the_counters()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var client = new HttpClient();
        using var call = await PostJsonAsync(client, server.BaseUrl + "/embeddings", new JsonObject { ["input"] = "x" }, new Dictionary<string, string> { ["Idempotency-Key"] = "k" });

        using var reset = await client.PostAsync(new Uri(server.BaseUrl + "/_stats/reset"), null);
        reset.EnsureSuccessStatusCode();

        Assert.Equal(0, server.Stats.TotalRequests);
        Assert.Empty(server.Stats.CallsPerIdempotencyKey);
    }
}
