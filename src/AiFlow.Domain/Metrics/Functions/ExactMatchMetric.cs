namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>exact_match</c> = 1 if the output equals the ground truth as data (object key order ignored, numbers by value so
/// 1.0 = 1, arrays in order), else 0; with <c>pointer</c>, only that sub-tree of each is compared.
/// </summary>
internal sealed class ExactMatchMetric : MetricFunction
{
    public ExactMatchMetric()
        : base("exact_match", MetricFunctionKind.ReferenceBased, "1 if canonical JSON of output = canonical JSON of ground truth, else 0",
            [StandardParameters.Pointer("the sub-tree to compare")])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        if (Pair(input, input.Parameters.Text("pointer"), out var actual, out var expected) is { } missing) return missing;
        return MetricOutcome.Of(CanonicalValue.Of(actual) == CanonicalValue.Of(expected) ? 1 : 0);
    }
}
