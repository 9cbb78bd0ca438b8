namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>contains</c> = 1 if the text at <c>pointer</c> contains <c>value</c>, else 0; <c>not_contains</c> = 1 − that.
/// The text is a string as it is, anything else its JSON text, so by default the search covers the whole IR. With
/// nothing at the pointer, contains is 0 and not_contains not applicable: absence is no evidence of avoiding the value.
/// </summary>
internal sealed class ContainsMetric : MetricFunction
{
    private readonly bool negated;

    private ContainsMetric(string key, string formula, bool negated)
        : base(key, MetricFunctionKind.ReferenceFree, formula,
        [
            StandardParameters.Pointer("the text to search"),
            new("value", MetricParameterType.String, true, "The text to look for."),
            StandardParameters.IgnoreCase,
        ])
    {
        this.negated = negated;
    }

    public static ContainsMetric Contains { get; } = new("contains", "1 if the text at pointer contains value, else 0", negated: false);

    public static ContainsMetric NotContains { get; } = new("not_contains", "1 if the text at pointer does not contain value, else 0", negated: true);

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var pointer = input.Parameters.Text("pointer");
        if (!JsonPointerPath.TryResolve(input.Actual, pointer, out var node))
        {
            return negated ? MetricOutcome.NotApplicable(NothingAt(pointer)) : MetricOutcome.Failed(NothingAt(pointer));
        }
        var comparison = input.Parameters.Flag("ignoreCase") ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var found = JsonScalar.TextOf(node).Contains(input.Parameters.Text("value"), comparison);
        return MetricOutcome.Of(found != negated ? 1 : 0);
    }
}
