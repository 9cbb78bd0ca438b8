namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// A fact the engine measured, passed through: <c>latency_ms</c>, <c>tokens_in</c>, <c>tokens_out</c>, <c>cost_usd</c>,
/// and <c>schema_valid</c> as 1 when the output met its schema, else 0. Not applicable when the fact was not measured.
/// </summary>
internal sealed class StepFactMetric : MetricFunction
{
    private readonly Func<StepFacts, double?> read;
    private readonly string fact;

    private StepFactMetric(string key, string formula, string fact, Func<StepFacts, double?> read)
        : base(key, MetricFunctionKind.ReferenceFree, formula, [])
    {
        this.fact = fact;
        this.read = read;
    }

    public static StepFactMetric LatencyMs { get; } = new("latency_ms", "step wall-clock time in ms", "latency", f => f.LatencyMs);
    public static StepFactMetric TokensIn { get; } = new("tokens_in", "prompt tokens the model read", "input token count", f => f.TokensIn);
    public static StepFactMetric TokensOut { get; } = new("tokens_out", "tokens the model wrote", "output token count", f => f.TokensOut);
    public static StepFactMetric CostUsd { get; } = new("cost_usd", "step cost in US dollars", "cost", f => f.CostUsd);

    public static StepFactMetric SchemaValid { get; } = new("schema_valid", "1 if the output met its IR schema, else 0", "schema validation result",
        f => f.SchemaValid switch { true => 1, false => 0, null => null });

    private protected override bool ReadsOutput => false;

    private protected override MetricOutcome Evaluate(MetricInput input) =>
        read(input.Facts) is { } value && double.IsFinite(value)
            ? MetricOutcome.Of(value)
            : MetricOutcome.NotApplicable($"the step has no {fact}");
}
