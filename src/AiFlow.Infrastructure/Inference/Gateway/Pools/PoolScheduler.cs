using System.Diagnostics.Metrics;
using AiFlow.Domain.Inference;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>
/// Hands out replica slots on this node: each replica's calls in flight, moving p50 and health, and one priority queue
/// for calls that find every replica they may use at its concurrency limit. Releasing a slot serves the queue in order
/// (importance, then arrival). One lock guards it all: choosing is a few comparisons, far below a model call.
/// </summary>
public sealed class PoolScheduler
{
    public const string MeterName = "AiFlow.Pools";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> WaitHistogram = Meter.CreateHistogram<double>("aiflow.pool.queue.wait", "ms", "Time calls waited in the pool queue");
    // The console has one scheduler; the gauges read the latest one made (tests make several, and read none).
    private static PoolScheduler? current;

    private readonly Lock gate = new();
    private readonly Dictionary<ReplicaKey, ReplicaState> replicas = [];
    private readonly PriorityWaitQueue<Waiter> queue = new();
    private readonly LatencyWindow recentWaits = new();
    // Waiters that get the same answer from a pick share a signature; these count the queued ones per signature (and
    // those whose refusal is never final), so a walk knows when no waiter left can be served.
    private readonly Dictionary<string, int> signatureIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> queuedBySignature = [];
    private int queuedLatencyBased;
    private readonly TimeProvider time;
    private readonly IOptionsMonitor<GatewayOptions> options;
    private long queued;

    /// <summary>How many waiters walks of the queue have looked at, asked or skipped: what releases cost.</summary>
    internal long WaitersWalked { get; private set; }

    static PoolScheduler()
    {
        Meter.CreateObservableGauge("aiflow.pool.queue.depth", () => current?.Queue().Depth ?? 0, description: "Calls waiting for a replica slot on this node");
        Meter.CreateObservableGauge("aiflow.pool.queue.oldest_wait", () => current?.Queue().OldestWaitMs ?? 0, "ms", "How long the oldest waiting call has waited");
    }

    public PoolScheduler(TimeProvider time, IOptionsMonitor<GatewayOptions> options)
    {
        this.time = time;
        this.options = options;
        current = this;
    }

    /// <summary>
    /// A slot on the replica <paramref name="strategy"/> picks among <paramref name="candidates"/>, waiting in the queue
    /// while all it would use are busy. Null when there is no candidate left. Throws <see cref="PoolQueueTimeoutException"/>
    /// after <paramref name="timeout"/> of waiting.
    /// </summary>
    public async Task<PoolLease?> AcquireAsync(IReadOnlyList<PoolCandidate> candidates, string strategy, CallImportance importance,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0) return null;
        Waiter waiter;
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var candidate in candidates) StateOf(candidate);
            if (Pick(candidates, strategy, now, queue.Count) is { } pick) return Grant(pick, 0, now);
            waiter = new Waiter(candidates, strategy, SignatureOf(candidates, strategy), time.GetTimestamp());
            waiter.Ticket = queue.Enqueue(importance, waiter);
            queuedBySignature[waiter.Signature] = queuedBySignature.GetValueOrDefault(waiter.Signature) + 1;
            if (strategy == RoutingStrategy.LatencyBased) queuedLatencyBased++;
            queued++;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t) limit.CancelAfter(t);
        await using (limit.Token.Register(() => Abandon(waiter)))
        {
            try
            {
                return await waiter.Granted.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var endpoints = string.Join(", ", candidates.Select(c => c.Endpoint.Name).Distinct());
                throw new PoolQueueTimeoutException(
                    $"Every replica of {endpoints} stayed at its concurrency limit for {Math.Round(time.GetElapsedTime(waiter.Since).TotalSeconds, 1)} s, the call's timeout; " +
                    "the call was refused without being sent. Add replicas or concurrency, or raise the endpoint's timeout.");
            }
        }
    }

    /// <summary>Gives the slot back with what the attempt did, then serves the queue.</summary>
    public void Release(PoolLease lease, string status, string? error, int latencyMs)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (gate)
        {
            var state = StateOf(lease.Candidate);
            state.InFlight = Math.Max(0, state.InFlight - 1);
            var now = time.GetUtcNow();
            if (status == AttemptStatus.Ok || AttemptStatus.IsInvalidOutput(status))
            {
                // An answer, usable or not, proves the replica serves; its latency feeds the moving p50.
                state.Latency.Add(latencyMs);
                state.Healthy = true;
            }
            // Only a pool takes a replica out: a single endpoint keeps its old behaviour, its circuit breaker alone.
            else if (TakesReplicaOut(status) && lease.Candidate.Endpoint.Replicas.Count > 0)
            {
                state.Healthy = false;
                state.LastError = $"{status}: {error}";
                state.LastErrorAt = now;
                state.ProbeAt = now.AddMilliseconds(Math.Max(100, options.CurrentValue.ReplicaProbeMs));
            }

            Serve(now);
        }
    }

    /// <summary>Every replica this node has seen, for the health page.</summary>
    public IReadOnlyList<ReplicaHealth> Replicas()
    {
        lock (gate)
        {
            return [.. replicas.Select(r => new ReplicaHealth(r.Key, r.Value.EndpointName, r.Value.BaseUrl, r.Value.Weight, r.Value.MaxConcurrency,
                r.Value.InFlight, r.Value.Served, r.Value.Latency.P50(), r.Value.Healthy, r.Value.LastError, r.Value.LastErrorAt))];
        }
    }

    public PoolQueueHealth Queue()
    {
        lock (gate)
        {
            var waiting = queue.InOrder();
            var oldest = waiting.Count == 0 ? 0 : waiting.Max(w => (int)time.GetElapsedTime(w.Item.Since).TotalMilliseconds);
            return new PoolQueueHealth(waiting.Count, oldest, recentWaits.P50(), queued);
        }
    }

    /// <summary>Calls waiting whose chain starts at <paramref name="endpointId"/>.</summary>
    public int QueueDepthFor(Guid endpointId)
    {
        lock (gate)
        {
            return queue.InOrder().Count(w => w.Item.Candidates[0].Endpoint.Id == endpointId);
        }
    }

    // Failures of the server, not of the request or of our configuration, take a replica out until its probe.
    private static bool TakesReplicaOut(string status) =>
        status is AttemptStatus.Timeout or AttemptStatus.Network or AttemptStatus.CircuitOpen or AttemptStatus.Error
        || (status.StartsWith("http-5", StringComparison.Ordinal));

    private ReplicaCandidate? PickCandidate(IReadOnlyList<PoolCandidate> candidates, string strategy, DateTimeOffset now, int waitingAhead)
    {
        var views = candidates.Select(c =>
        {
            var s = replicas[c.Key];
            var price = c.Endpoint.PricePer1MInputTokens + c.Endpoint.PricePer1MOutputTokens + c.Endpoint.PricePerGpuSecond;
            return new ReplicaCandidate(c.Key, c.ChainPosition, price, s.Weight, s.MaxConcurrency, s.InFlight, s.Served, s.Latency.P50(),
                s.Healthy || now >= s.ProbeAt);
        }).ToList();
        return ReplicaSelector.Pick(strategy, views, waitingAhead);
    }

    private PoolCandidate? Pick(IReadOnlyList<PoolCandidate> candidates, string strategy, DateTimeOffset now, int waitingAhead) =>
        PickCandidate(candidates, strategy, now, waitingAhead) is { } chosen ? candidates.First(c => c.Key == chosen.Key) : null;

    private PoolLease Grant(PoolCandidate candidate, int waitedMs, DateTimeOffset now)
    {
        var state = replicas[candidate.Key];
        state.InFlight++;
        state.Served++;
        // An unhealthy replica handed out is its probe: the next one waits another interval.
        if (!state.Healthy) state.ProbeAt = now.AddMilliseconds(Math.Max(100, options.CurrentValue.ReplicaProbeMs));
        return new PoolLease(candidate, waitedMs);
    }

    /// <summary>
    /// Hands freed slots to waiters in serving order. A release frees one slot while hundreds of calls may wait, so the
    /// walk stops as soon as no replica has a free slot, a waiter whose route and strategy were just refused is not
    /// asked again in the same walk (the answer cannot differ), and the walk ends once every signature still queued was
    /// refused: a release costs a few picks, not one per waiter. That last stop matters because a free slot anywhere
    /// (an idle endpoint beside a saturated pool) keeps the first one from ending the walk: before it, each release
    /// looked at every waiter, and 64 calls in flight in front of a long queue spent a third of the gateway's CPU there.
    /// </summary>
    private void Serve(DateTimeOffset now)
    {
        if (queue.Count == 0 || !AnyFree()) return;
        List<(int Rank, long Arrival)>? served = null;
        HashSet<int>? refused = null;
        var ahead = 0;
        foreach (var (ticket, waiter) in queue.Walk())
        {
            WaitersWalked++;
            // A refusal is final for this walk unless the strategy weighs the queue: latency-based may take a slow free
            // replica for a call further back that it refused for the head of the queue.
            if (refused?.Contains(waiter.Signature) == true && waiter.Strategy != RoutingStrategy.LatencyBased)
            {
                ahead++;
                continue;
            }
            if (Pick(waiter.Candidates, waiter.Strategy, now, ahead) is not { } pick)
            {
                (refused ??= []).Add(waiter.Signature);
                ahead++;
                if (queuedLatencyBased == 0 && refused.Count == queuedBySignature.Count) break;
                continue;
            }
            Forget(waiter);
            (served ??= []).Add(ticket);
            var waited = (int)time.GetElapsedTime(waiter.Since).TotalMilliseconds;
            recentWaits.Add(waited);
            WaitHistogram.Record(waited);
            waiter.Granted.TrySetResult(Grant(pick, waited, now));
            if (!AnyFree()) break;
        }
        if (served is not null) foreach (var ticket in served) queue.Remove(ticket);
    }

    private bool AnyFree()
    {
        foreach (var state in replicas.Values) if (state.InFlight < state.MaxConcurrency) return true;
        return false;
    }

    private void Abandon(Waiter waiter)
    {
        lock (gate)
        {
            // Only a call still queued is cancelled; one served in the meantime keeps its slot and its caller releases it.
            if (!queue.Remove(waiter.Ticket)) return;
            Forget(waiter);
            waiter.Granted.TrySetCanceled();
        }
    }

    /// <summary>Calls with the same strategy over the same replicas get the same answer from a pick: one small number each.</summary>
    private int SignatureOf(IReadOnlyList<PoolCandidate> candidates, string strategy)
    {
        var text = strategy + "|" + string.Join(',', candidates.Select(c => c.Key));
        if (!signatureIds.TryGetValue(text, out var id))
        {
            id = signatureIds.Count;
            signatureIds[text] = id;
        }
        return id;
    }

    /// <summary>A waiter leaves the queue's counts when it is served or gives up (the queue itself may drop it later).</summary>
    private void Forget(Waiter waiter)
    {
        if (--queuedBySignature[waiter.Signature] == 0) queuedBySignature.Remove(waiter.Signature);
        if (waiter.Strategy == RoutingStrategy.LatencyBased) queuedLatencyBased--;
    }

    private ReplicaState StateOf(PoolCandidate candidate)
    {
        if (!replicas.TryGetValue(candidate.Key, out var state))
        {
            state = new ReplicaState();
            replicas[candidate.Key] = state;
        }

        // An admin edit (URL, share, concurrency) applies to the next call without losing the replica's history.
        state.EndpointName = candidate.Endpoint.Name;
        state.BaseUrl = candidate.BaseUrl;
        state.Weight = candidate.Weight;
        state.MaxConcurrency = candidate.MaxConcurrency;
        return state;
    }

    private sealed class ReplicaState
    {
        public string EndpointName { get; set; } = "";
        public string BaseUrl { get; set; } = "";
        public int Weight { get; set; } = 1;
        public int MaxConcurrency { get; set; } = 1;
        public int InFlight { get; set; }
        public long Served { get; set; }
        public LatencyWindow Latency { get; } = new();
        public bool Healthy { get; set; } = true;
        public string? LastError { get; set; }
        public DateTimeOffset? LastErrorAt { get; set; }
        public DateTimeOffset ProbeAt { get; set; }
    }

    private sealed class Waiter(IReadOnlyList<PoolCandidate> candidates, string strategy, int signature, long since)
    {
        public IReadOnlyList<PoolCandidate> Candidates { get; } = candidates;
        public string Strategy { get; } = strategy;
        public int Signature { get; } = signature;
        public long Since { get; } = since;
        public (int Rank, long Arrival) Ticket { get; set; }
        public TaskCompletionSource<PoolLease> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
