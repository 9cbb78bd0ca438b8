using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Gateway.Pools;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Media.Audio;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static AiFlow.Tests.Infrastructure.Inference.Gateway.GatewayRequests;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway.Pools;

/// <summary>Pools over real HTTP: simulators as replicas, a closed port as a dead one.</summary>
public sealed class GatewayPoolTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_pool_with_a_dead_replica_still_serves_every_call_through_the_others_and_takes_the_dead_one_out()
    {
        await using var second = await SimulatorServer.StartAsync(new SimulatorOptions());
        var deadPort = ClosedPort();
        await using var h = await GatewayHarness.StartAsync(fixture.Database, settings: Allow(Port(second.RootUrl), deadPort));
        var dead = $"http://127.0.0.1:{deadPort}/v1";
        var pool = await h.AddEndpointAsync("pool", configure: e =>
        {
            e.BaseUrl = dead;
            e.Replicas = [new EndpointReplica { BaseUrl = h.Simulator.BaseUrl }, new EndpointReplica { BaseUrl = second.BaseUrl }];
        });
        var task = await h.AddRouteAsync(pool);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error));
        Assert.All(results, r => Assert.Equal(pool.Id, r.EndpointId));
        var pools = h.Services.GetRequiredService<PoolScheduler>();
        var replicas = pools.Replicas().Where(r => r.Key.EndpointId == pool.Id).OrderBy(r => r.Key.Index).ToList();
        Assert.Equal(3, replicas.Count);
        Assert.False(replicas[0].Healthy);
        Assert.Contains(AttemptStatus.Network, replicas[0].LastError, StringComparison.Ordinal);
        // Both live replicas served (weights 1 and 1 share the calls), and the dead one was tried only until it was taken out.
        Assert.True(h.Simulator.Stats.TotalRequests > 0 && second.Stats.TotalRequests > 0);
        Assert.True(replicas[0].Served < 12, $"the dead replica was handed {replicas[0].Served} calls");
    }

    [Fact]
    public async Task A_saturated_pool_serves_a_high_importance_call_before_low_ones_that_came_first()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var slow = await h.AddEndpointAsync("slow", "sim-chat@latency=300", e => e.MaxConcurrency = 1);
        var task = await h.AddRouteAsync(slow);
        var finished = new List<string>();

        var blocker = Call("blocker", CallImportance.Normal);
        await WaitForAsync(() => h.Services.GetRequiredService<PoolScheduler>().Replicas().Any(r => r.Key.EndpointId == slow.Id && r.InFlight == 1));
        var lows = new List<Task>();
        for (var i = 1; i <= 3; i++)
        {
            // One at a time, so their arrival order is known.
            lows.Add(Call("low-" + i, CallImportance.Low));
            var depth = i;
            await WaitForAsync(() => h.Services.GetRequiredService<PoolScheduler>().Queue().Depth == depth);
        }
        var high = Call("high", CallImportance.High);
        await Task.WhenAll([blocker, high, .. lows]);

        Assert.Equal(["blocker", "high", "low-1", "low-2", "low-3"], finished);

        async Task Call(string name, CallImportance importance)
        {
            var result = await h.Gateway.CallStructuredAsync(Invoice(task) with { Importance = importance, Timeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
            Assert.True(result.Succeeded, result.Error);
            lock (finished) finished.Add(name);
        }
    }

    [Fact]
    public async Task A_normal_call_never_reaches_a_premium_endpoint_and_a_high_one_may()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var premium = await h.AddEndpointAsync("premium", configure: e => e.Tags = [InferenceEndpoint.PremiumTag]);
        var task = await h.AddRouteAsync(premium);

        var normal = await h.Gateway.CallStructuredAsync(Invoice(task), CancellationToken.None);
        var high = await h.Gateway.CallStructuredAsync(Invoice(task) with { Importance = CallImportance.High }, CancellationToken.None);

        Assert.False(normal.Succeeded);
        Assert.Contains("premium", normal.Error, StringComparison.Ordinal);
        Assert.True(high.Succeeded, high.Error);
    }

    [Fact]
    public async Task Embedding_and_transcription_calls_carry_their_importance_to_premium_endpoints_too()
    {
        await using var h = await GatewayHarness.StartAsync(fixture.Database);
        var embedder = await h.AddEndpointAsync("premium-embed", "sim-embed-384", e => (e.Kind, e.Tags) = (EndpointKind.Embedding, [InferenceEndpoint.PremiumTag]));
        var whisper = await h.AddEndpointAsync("premium-stt", "sim-whisper", e => (e.Kind, e.Tags) = (EndpointKind.Transcription, [InferenceEndpoint.PremiumTag]));
        var embedTask = await h.AddRouteAsync(embedder);
        var sttTask = await h.AddRouteAsync(whisper);
        EmbeddingRequest Embed(CallImportance importance) => new() { TaskType = embedTask, Inputs = ["harbour"], IdempotencyKey = "emb-" + Guid.NewGuid(), Importance = importance };
        TranscriptionRequest Transcribe(CallImportance importance) => new()
        {
            TaskType = sttTask, Audio = WavWriter.Tone(1.0), FileName = "note.wav", IdempotencyKey = "stt-" + Guid.NewGuid(), Importance = importance,
        };

        var normalEmbedding = await h.Gateway.EmbedAsync(Embed(CallImportance.Normal), CancellationToken.None);
        var highEmbedding = await h.Gateway.EmbedAsync(Embed(CallImportance.High), CancellationToken.None);
        var normalTranscript = await h.Gateway.TranscribeAsync(Transcribe(CallImportance.Normal), CancellationToken.None);
        var highTranscript = await h.Gateway.TranscribeAsync(Transcribe(CallImportance.High), CancellationToken.None);

        Assert.False(normalEmbedding.Succeeded);
        Assert.Contains("premium", normalEmbedding.Error, StringComparison.Ordinal);
        Assert.True(highEmbedding.Succeeded, highEmbedding.Error);
        Assert.False(normalTranscript.Succeeded);
        Assert.Contains("premium", normalTranscript.Error, StringComparison.Ordinal);
        Assert.True(highTranscript.Succeeded, highTranscript.Error);
    }

    private static Dictionary<string, string?> Allow(params int[] ports) =>
        ports.Select((p, i) => (p, i)).ToDictionary(x => $"AiFlow:Inference:AllowedHosts:{x.i + 1}", x => (string?)("127.0.0.1:" + x.p.ToString(CultureInfo.InvariantCulture)));

    private static int Port(string url) => new Uri(url).Port;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }
}
