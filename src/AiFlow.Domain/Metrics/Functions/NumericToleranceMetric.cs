using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>numeric_tolerance</c> = 1 if |actual − expected| ≤ <c>absolute</c> or |actual − expected| ≤ <c>relative</c> ×
/// |expected| for the numbers at <c>pointer</c>, else 0; a tolerance left out is 0, so with neither the numbers must be
/// equal. Numbers written as strings do not count: an output that says "12" where 12 was wanted scores 0.
/// </summary>
internal sealed class NumericToleranceMetric : MetricFunction
{
    public NumericToleranceMetric()
        : base("numeric_tolerance", MetricFunctionKind.ReferenceBased, "1 if |a − e| ≤ absolute or |a − e| ≤ relative × |e|, else 0",
        [
            StandardParameters.Pointer("the number to compare"),
            new("absolute", MetricParameterType.Number, false, "Largest allowed absolute difference; default 0."),
            new("relative", MetricParameterType.Number, false, "Largest allowed difference as a share of |expected|, e.g. 0.05 for 5 %; default 0."),
        ])
    {
    }

    private protected override IEnumerable<string> ValidateValues(JsonObject parameters)
    {
        foreach (var name in new[] { "absolute", "relative" })
        {
            if (parameters.Number(name) is < 0) yield return $"'{name}' must be at least 0.";
        }
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var pointer = input.Parameters.Text("pointer");
        if (Pair(input, pointer, out var actualNode, out var expectedNode) is { } missing) return missing;
        if (JsonScalar.NumberOf(expectedNode) is not { } expected)
        {
            return MetricOutcome.NotApplicable($"the ground truth holds {JsonScalar.Describe(expectedNode)} at \"{pointer}\", not a number");
        }
        if (JsonScalar.NumberOf(actualNode) is not { } actual)
        {
            return MetricOutcome.Failed($"the output holds {JsonScalar.Describe(actualNode)} at \"{pointer}\", not a number");
        }
        var difference = Math.Abs(actual - expected);
        var within = difference <= (input.Parameters.Number("absolute") ?? 0)
            || difference <= (input.Parameters.Number("relative") ?? 0) * Math.Abs(expected);
        // A difference beyond double's range (1e308 against -1e308) cannot be written into JSON details.
        return MetricOutcome.Of(within ? 1 : 0, double.IsFinite(difference) ? new JsonObject { ["difference"] = difference } : null);
    }
}
