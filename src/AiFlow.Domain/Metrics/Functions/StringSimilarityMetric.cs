using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>string_similarity</c> = 1 − Levenshtein(a, e) ÷ max(|a|, |e|) for the texts at <c>pointer</c> (a string as it is,
/// anything else as its JSON text), 1 when both are empty. Lengths are UTF-16 units. The distance costs |a|·|e| steps,
/// so texts over <see cref="MaxLength"/> units make the metric not applicable rather than stall a run.
/// </summary>
internal sealed class StringSimilarityMetric : MetricFunction
{
    public const int MaxLength = 20_000;

    public StringSimilarityMetric()
        : base("string_similarity", MetricFunctionKind.ReferenceBased, "1 − Levenshtein(a, e) ÷ max(|a|, |e|)",
            [StandardParameters.Pointer("the text to compare")])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        if (Pair(input, input.Parameters.Text("pointer"), out var actualNode, out var expectedNode) is { } missing) return missing;
        var (actual, expected) = (JsonScalar.TextOf(actualNode), JsonScalar.TextOf(expectedNode));
        if (actual.Length > MaxLength || expected.Length > MaxLength)
        {
            return MetricOutcome.NotApplicable($"texts over {MaxLength:N0} characters are too long to compare by edit distance");
        }
        var longest = Math.Max(actual.Length, expected.Length);
        if (longest == 0) return MetricOutcome.Of(1);
        var distance = Levenshtein.Distance(actual, expected);
        return MetricOutcome.Of(1 - (double)distance / longest, new JsonObject { ["distance"] = distance });
    }
}
