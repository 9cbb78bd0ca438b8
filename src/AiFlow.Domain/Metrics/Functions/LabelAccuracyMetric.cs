using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>label_accuracy</c> = 1 if the label at <c>pointer</c> equals the ground truth's label there, else 0. Labels compare
/// as text (a string as it is, a number or boolean as written), optionally ignoring case; averaged over a data set this
/// is classification accuracy.
/// </summary>
internal sealed class LabelAccuracyMetric : MetricFunction
{
    public LabelAccuracyMetric()
        : base("label_accuracy", MetricFunctionKind.ReferenceBased, "1 if the label at pointer equals the ground truth's, else 0",
            [StandardParameters.Pointer("the label", required: true), StandardParameters.IgnoreCase])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        if (Pair(input, input.Parameters.Text("pointer"), out var actual, out var expected) is { } missing) return missing;
        var comparison = input.Parameters.Flag("ignoreCase") ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var (actualLabel, expectedLabel) = (JsonScalar.TextOf(actual), JsonScalar.TextOf(expected));
        var details = new JsonObject { ["expected"] = expectedLabel, ["actual"] = actualLabel };
        return MetricOutcome.Of(string.Equals(actualLabel, expectedLabel, comparison) ? 1 : 0, details);
    }
}
