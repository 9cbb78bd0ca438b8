using System.Collections.Concurrent;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// What each endpoint's circuit breaker last did on this node (Polly reports opens, half-opens and closes). Circuits
/// are per process, so the endpoint health page says "on this node".
/// </summary>
public sealed class CircuitStates(TimeProvider clock)
{
    public enum State { Closed, Open, HalfOpen }

    public sealed record Entry(State State, DateTimeOffset Since);

    private readonly ConcurrentDictionary<Guid, Entry> states = new();

    /// <summary>The circuit of <paramref name="endpointId"/>; closed when it never tripped here.</summary>
    public Entry For(Guid endpointId) => states.TryGetValue(endpointId, out var entry) ? entry : new Entry(State.Closed, DateTimeOffset.MinValue);

    internal void Record(string pipelineKey, State state)
    {
        // A pool's extra replicas (a fourth key part) show their health on the pool, not as the endpoint's circuit.
        var parts = pipelineKey.Split('/');
        if (parts.Length <= 3 && Guid.TryParseExact(parts[0], "N", out var id)) states[id] = new Entry(state, clock.GetUtcNow());
    }
}
