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

    [Fact]
    public async Task A_release_looks_at_a_few_waiters_of_a_long_queue_even_when_an_idle_endpoint_has_free_slots()
    {
        var pools = Scheduler();
        var idle = PoolCandidate.For([Endpoint(4)], CallImportance.Normal);
        pools.Release((await pools.AcquireAsync(idle, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None))!, AttemptStatus.Ok, null, 5);
        var busy = PoolCandidate.For([Endpoint(2)], CallImportance.Normal);
        var holders = new Queue<PoolLease>();
        for (var i = 0; i < 2; i++) holders.Enqueue((await pools.AcquireAsync(busy, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None))!);
        var waiting = Enumerable.Range(0, 1_000).Select(_ => pools.AcquireAsync(busy, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None)).ToList();

        var walked = pools.WaitersWalked;
        foreach (var call in waiting)
        {
            // Each release serves the next waiter in arrival order (a call served out of turn leaves this one waiting).
            pools.Release(holders.Dequeue(), AttemptStatus.Ok, null, 5);
            holders.Enqueue((await call.WaitAsync(TimeSpan.FromSeconds(10)))!);
        }

        // The served waiter and the next one, refused: two a release. Walking the whole queue each time looked at 500,000.
        Assert.InRange(pools.WaitersWalked - walked, 1_000, 2_000);
        Assert.Equal(0, pools.Queue().Depth);
    }

    [Fact]
    public async Task A_waiter_for_another_endpoint_behind_many_refused_ones_is_still_served_when_its_slot_frees()
    {
        var pools = Scheduler();
        var busy = PoolCandidate.For([Endpoint(1)], CallImportance.Normal);
        var other = PoolCandidate.For([Endpoint(1)], CallImportance.Normal);
        await pools.AcquireAsync(busy, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);
        var otherHolder = await pools.AcquireAsync(other, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);
        var ahead = Enumerable.Range(0, 100).Select(_ => pools.AcquireAsync(busy, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None)).ToList();
        // One of those ahead gives up: the queue's counts must forget it as the queue does.
        using var cancel = new CancellationTokenSource();
        var givesUp = pools.AcquireAsync(busy, RoutingStrategy.Ordered, CallImportance.Normal, null, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givesUp);
        var behind = pools.AcquireAsync(other, RoutingStrategy.Ordered, CallImportance.Normal, null, CancellationToken.None);

        pools.Release(otherHolder!, AttemptStatus.Ok, null, 5);

        Assert.Equal(other[0].Key, (await behind.WaitAsync(TimeSpan.FromSeconds(10)))!.Candidate.Key);
        Assert.All(ahead, a => Assert.False(a.IsCompleted));
        Assert.Equal(100, pools.Queue().Depth);
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
