using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Gateway.Pools;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway.Pools;

public sealed class PoolSchedulerTests
{
    private static InferenceEndpoint Endpoint(int maxConcurrency, params string[] replicaUrls) => new()
    {
        Name = "pool",
        BaseUrl = "http://r0",
        MaxConcurrency = maxConcurrency,
        Replicas = [.. replicaUrls.Select(u => new EndpointReplica { BaseUrl = u, MaxConcurrency = maxConcurrency })],
    };

    private static PoolScheduler Scheduler(TimeProvider? time = null) =>
        new(time ?? TimeProvider.System, new StaticMonitor(new GatewayOptions { ReplicaProbeMs = 1_000 }));

    [Fact]
    public async Task A_saturated_pool_serves_a_high_importance_call_before_low_ones_that_queued_earlier()
    {
        var pools = Scheduler();
        var candidates = PoolCandidate.For([Endpoint(1)], CallImportance.Normal);
        var holder = await pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);
        var served = new List<string>();
        var low = Track(pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.Low, null, CancellationToken.None), "low", served);
        var high = Track(pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.High, null, CancellationToken.None), "high", served);
        Assert.Equal(2, pools.Queue().Depth);

        pools.Release(holder!, AttemptStatus.Ok, null, 10);
        var first = await high;
        pools.Release(first!, AttemptStatus.Ok, null, 10);
        pools.Release((await low)!, AttemptStatus.Ok, null, 10);

        Assert.Equal(["high", "low"], served);
        Assert.Equal(0, pools.Queue().Depth);
    }

    [Fact]
    public async Task A_call_that_waits_longer_than_its_timeout_is_refused_with_a_reason_and_leaves_the_queue()
    {
        var pools = Scheduler();
        var candidates = PoolCandidate.For([Endpoint(1)], CallImportance.Normal);
        await pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PoolQueueTimeoutException>(() =>
            pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.Normal, TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Contains("stayed at its concurrency limit", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, pools.Queue().Depth);
    }

    [Fact]
    public async Task A_failed_replica_is_taken_out_and_probed_back_in_after_the_probe_interval()
    {
        var time = new FakeTimeProvider();
        var pools = Scheduler(time);
        var candidates = PoolCandidate.For([Endpoint(4, "http://r1")], CallImportance.Normal);
        var first = await pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);
        pools.Release(first!, AttemptStatus.Network, "connection refused", 3);

        var whileOut = await pools.AcquireAsync(candidates, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);
        pools.Release(whileOut!, AttemptStatus.Ok, null, 3);
        time.Advance(TimeSpan.FromSeconds(2));
        var probe = await pools.AcquireAsync([candidates[0]], RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);
        pools.Release(probe!, AttemptStatus.Ok, null, 3);

        Assert.Equal(1, whileOut!.Candidate.ReplicaIndex);
        var r0 = Assert.Single(pools.Replicas(), r => r.Key.Index == 0);
        Assert.True(r0.Healthy);
        Assert.Contains("connection refused", r0.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_based_routing_keeps_the_head_of_the_queue_for_the_fast_replica_and_puts_a_call_far_behind_on_the_slow_one()
    {
        var pools = Scheduler();
        var candidates = PoolCandidate.For([Endpoint(1, "http://slow")], CallImportance.Normal);
        // Measure both: the fast replica answers in 10 ms, the slow one in 100 ms.
        var fast = await pools.AcquireAsync(candidates, RoutingStrategy.LatencyBased, CallImportance.Normal, null, CancellationToken.None);
        var slow = await pools.AcquireAsync(candidates, RoutingStrategy.LatencyBased, CallImportance.Normal, null, CancellationToken.None);
        pools.Release(fast!, AttemptStatus.Ok, null, 10);
        pools.Release(slow!, AttemptStatus.Ok, null, 100);
        var holder = await pools.AcquireAsync(candidates, RoutingStrategy.LatencyBased, CallImportance.Normal, null, CancellationToken.None);
        Assert.Equal(0, holder!.Candidate.ReplicaIndex);

        // One fast slot frees every 10 ms: with 8 calls ahead, waiting (10 + 90 ms) is no better than the slow replica.
        var queued = new List<Task<PoolLease?>>();
        for (var i = 0; i < 8; i++) queued.Add(pools.AcquireAsync(candidates, RoutingStrategy.LatencyBased, CallImportance.Normal, null, CancellationToken.None));
        var behind = await pools.AcquireAsync(candidates, RoutingStrategy.LatencyBased, CallImportance.Normal, null, CancellationToken.None);

        Assert.All(queued, q => Assert.False(q.IsCompleted));
        Assert.Equal(1, behind!.Candidate.ReplicaIndex);
        pools.Release(holder, AttemptStatus.Ok, null, 10);
        Assert.Equal(0, (await queued[0])!.Candidate.ReplicaIndex);
        Assert.All(queued.Skip(1), q => Assert.False(q.IsCompleted));
    }

    private static async Task<PoolLease?> Track(Task<PoolLease?> acquire, string name, List<string> served)
    {
        var lease = await acquire;
        lock (served) served.Add(name);
        return lease;
    }

    private sealed class StaticMonitor(GatewayOptions value) : IOptionsMonitor<GatewayOptions>
    {
        public GatewayOptions CurrentValue => value;
        public GatewayOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<GatewayOptions, string?> listener) => null;
    }
}
