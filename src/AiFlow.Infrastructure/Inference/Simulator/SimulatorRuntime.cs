using System.Collections.Concurrent;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Shared state behind one mapping of the endpoints: live options, counters and the seeded dice.
internal sealed class SimulatorRuntime
{
    private readonly Func<SimulatorOptions> options;
    private readonly Random dice;
    private readonly Lock diceLock = new();
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);

    public SimulatorRuntime(Func<SimulatorOptions> options, SimulatorStats stats)
    {
        this.options = options;
        Stats = stats;
        dice = new Random(options().Seed);
    }

    public SimulatorOptions Options => options();

    public SimulatorStats Stats { get; }

    public double Roll()
    {
        lock (diceLock)
        {
            return dice.NextDouble();
        }
    }

    // Attempt numbers for fail-first sequences; keyed by idempotency key or, without one, by request body.
    public int NextAttempt(string key) => attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public void ResetAttempts() => attempts.Clear();
}
