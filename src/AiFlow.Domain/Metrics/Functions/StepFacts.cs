namespace AiFlow.Domain.Metrics.Functions;

/// <summary>What the engine measured about a step run, each null when it was not measured.</summary>
public sealed record StepFacts(double? LatencyMs, double? TokensIn, double? TokensOut, double? CostUsd, bool? SchemaValid)
{
    public static StepFacts None { get; } = new(null, null, null, null, null);
}
