using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Thread-safe request counters. Tests use them to prove concurrency limits (max in-flight)
/// and exactly-once execution (calls per idempotency key).
/// </summary>
public sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<string, int> callsPerKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> callsPerDeployment = new(StringComparer.Ordinal);
    private long totalRequests;
    private long inFlight;
    private long maxInFlight;
    private long faultsInjected;

    public long TotalRequests => Interlocked.Read(ref totalRequests);

    public long InFlight => Interlocked.Read(ref inFlight);

    public long MaxInFlight => Interlocked.Read(ref maxInFlight);

    public long FaultsInjected => Interlocked.Read(ref faultsInjected);

    public IReadOnlyDictionary<string, int> CallsPerIdempotencyKey =>
        new Dictionary<string, int>(callsPerKey, StringComparer.Ordinal);

    /// <summary>Calls that came in Azure OpenAI's shape: <c>/openai/deployments/{name}/...</c> with an <c>api-key</c> header.</summary>
    public int CallsForDeployment(string deployment) => callsPerDeployment.TryGetValue(deployment, out var calls) ? calls : 0;

    internal void CountDeployment(string deployment) => callsPerDeployment.AddOrUpdate(deployment, 1, (_, calls) => calls + 1);

    public int CallsFor(string idempotencyKey) => callsPerKey.TryGetValue(idempotencyKey, out var calls) ? calls : 0;

    /// <summary>Clears counters; requests still running stay counted as in flight so Exit never goes negative.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref totalRequests, 0);
        Interlocked.Exchange(ref faultsInjected, 0);
        Interlocked.Exchange(ref maxInFlight, Interlocked.Read(ref inFlight));
        callsPerKey.Clear();
        callsPerDeployment.Clear();
    }

    internal void Enter(string? idempotencyKey)
    {
        Interlocked.Increment(ref totalRequests);
        var now = Interlocked.Increment(ref inFlight);
        var seen = Interlocked.Read(ref maxInFlight);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref maxInFlight, now, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            callsPerKey.AddOrUpdate(idempotencyKey, 1, (_, calls) => calls + 1);
        }
    }

    internal void Exit() => Interlocked.Decrement(ref inFlight);

    internal void RecordFault() => Interlocked.Increment(ref faultsInjected);

    internal JsonObject ToJson()
    {
        var keys = new JsonObject();
        foreach (var (key, calls) in CallsPerIdempotencyKey.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            keys[key] = calls;
        }

        return new JsonObject
        {
            ["totalRequests"] = TotalRequests,
            ["inFlight"] = InFlight,
            ["maxInFlight"] = MaxInFlight,
            ["faultsInjected"] = FaultsInjected,
            ["callsPerIdempotencyKey"] = keys,
        };
    }
}
