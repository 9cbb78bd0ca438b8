using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Inference.Gateway.Pools;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway.Pools;

public sealed class ReplicaSelectorTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private static ReplicaCandidate Replica(Guid endpoint, int index, int position = 0, int inFlight = 0, int max = 4, double? p50 = null,
        decimal price = 1m, int weight = 1, long served = 0, bool available = true) =>
        new(new ReplicaKey(endpoint, index), position, price, weight, max, inFlight, served, p50, available);

    [Fact]
    public void Ordered_stays_on_the_first_endpoint_and_waits_when_it_is_busy_rather_than_spilling_to_the_next()
    {
        var busyFirst = new[] { Replica(A, 0, inFlight: 4), Replica(B, 0, position: 1) };
        var freeFirst = new[] { Replica(A, 0, inFlight: 3), Replica(B, 0, position: 1) };

        Assert.Null(ReplicaSelector.Pick(RoutingStrategy.Ordered, busyFirst));
        Assert.Equal(new ReplicaKey(A, 0), ReplicaSelector.Pick(RoutingStrategy.Ordered, freeFirst)!.Key);
    }

    [Fact]
    public void Ordered_shares_an_endpoints_replicas_by_weight()
    {
        // Replica 1 has weight 3 and has served 2; replica 0 (weight 1) has served 1: 3/3 < 2/1, so replica 1 is next.
        var pool = new[] { Replica(A, 0, served: 1), Replica(A, 1, weight: 3, served: 2) };

        Assert.Equal(1, ReplicaSelector.Pick(RoutingStrategy.Ordered, pool)!.Key.Index);
    }

    [Fact]
    public void Ordered_skips_an_unhealthy_endpoint_but_uses_it_when_nothing_else_is_healthy()
    {
        var walkOn = new[] { Replica(A, 0, available: false), Replica(B, 0, position: 1) };
        var lastResort = new[] { Replica(A, 0, available: false), Replica(B, 0, position: 1, available: false) };

        Assert.Equal(B, ReplicaSelector.Pick(RoutingStrategy.Ordered, walkOn)!.Key.EndpointId);
        Assert.Equal(A, ReplicaSelector.Pick(RoutingStrategy.Ordered, lastResort)!.Key.EndpointId);
    }

    [Fact]
    public void Least_busy_picks_the_fewest_in_flight_relative_to_concurrency_across_the_chain()
    {
        var candidates = new[] { Replica(A, 0, inFlight: 2, max: 4), Replica(A, 1, inFlight: 3, max: 8), Replica(B, 0, position: 1, inFlight: 1, max: 1) };

        Assert.Equal(new ReplicaKey(A, 1), ReplicaSelector.Pick(RoutingStrategy.LeastBusy, candidates)!.Key);
    }

    [Fact]
    public void Latency_based_measures_a_new_replica_once_then_prefers_the_lowest_p50()
    {
        var unmeasured = new[] { Replica(A, 0, p50: 10), Replica(A, 1) };
        var measured = new[] { Replica(A, 0, p50: 30), Replica(A, 1, p50: 12), Replica(A, 2, p50: 20) };

        Assert.Equal(1, ReplicaSelector.Pick(RoutingStrategy.LatencyBased, unmeasured)!.Key.Index);
        Assert.Equal(1, ReplicaSelector.Pick(RoutingStrategy.LatencyBased, measured)!.Key.Index);
    }

    [Fact]
    public void Latency_based_waits_for_a_fast_replica_instead_of_taking_a_free_one_five_times_slower()
    {
        var candidates = new[] { Replica(A, 0, p50: 10, inFlight: 4), Replica(A, 1, p50: 50), Replica(A, 2, p50: 15, inFlight: 4) };

        Assert.Null(ReplicaSelector.Pick(RoutingStrategy.LatencyBased, candidates));
    }

    [Fact]
    public void Latency_based_gives_a_slow_free_replica_to_a_call_deep_in_the_queue_but_keeps_the_head_waiting_for_a_fast_one()
    {
        // The band frees 4/10 + 4/15 slots per ms: the head waits about 1.5 ms, the 100th call about 150 ms.
        var candidates = new[] { Replica(A, 0, p50: 10, inFlight: 4), Replica(A, 1, p50: 50), Replica(A, 2, p50: 15, inFlight: 4) };

        Assert.Null(ReplicaSelector.Pick(RoutingStrategy.LatencyBased, candidates, waitingAhead: 0));
        Assert.Null(ReplicaSelector.Pick(RoutingStrategy.LatencyBased, candidates, waitingAhead: 20));
        Assert.Equal(1, ReplicaSelector.Pick(RoutingStrategy.LatencyBased, candidates, waitingAhead: 100)!.Key.Index);
    }

    [Fact]
    public void Cost_based_walks_the_chain_cheapest_first()
    {
        var candidates = new[] { Replica(A, 0, price: 60m), Replica(B, 0, position: 1, price: 0.5m) };

        Assert.Equal(B, ReplicaSelector.Pick(RoutingStrategy.CostBased, candidates)!.Key.EndpointId);
        Assert.Equal(A, ReplicaSelector.Pick(RoutingStrategy.Ordered, candidates)!.Key.EndpointId);
    }

    [Fact]
    public void Premium_endpoints_are_candidates_only_for_high_importance()
    {
        var premium = new InferenceEndpoint { Name = "big", Tags = ["premium"], Replicas = [new EndpointReplica { BaseUrl = "http://b" }] };
        var plain = new InferenceEndpoint { Name = "small" };

        Assert.Equal(["small"], PoolCandidate.For([premium, plain], CallImportance.Normal).Select(c => c.Endpoint.Name));
        Assert.Equal(["big", "big", "small"], PoolCandidate.For([premium, plain], CallImportance.High).Select(c => c.Endpoint.Name));
    }
}
