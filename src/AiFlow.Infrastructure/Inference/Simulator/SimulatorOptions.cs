namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Latency and fault injection defaults, bound from <c>AiFlow:Simulator</c>. Per-request headers
/// (<c>x-sim-*</c>) and model-name suffixes (<c>sim-chat@fault=500</c>) override them.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "AiFlow:Simulator";

    /// <summary>Whether the host should map the simulator endpoints at all.</summary>
    public bool Enabled { get; set; } = true;

    public int LatencyMs { get; set; }

    public int LatencyJitterMs { get; set; }

    public double ErrorRate500 { get; set; }

    public double RateLimitRate429 { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    public double TimeoutRate { get; set; }

    public double MalformedJsonRate { get; set; }

    public double SchemaViolationRate { get; set; }

    /// <summary>Seed for the fault and jitter dice, so a run with rates is reproducible.</summary>
    public int Seed { get; set; } = 42;
}
