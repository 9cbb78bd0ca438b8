using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>set_f1</c>: the arrays at <c>pointer</c> as sets of values (compared as canonical JSON, duplicates counted once);
/// P = |A ∩ E| ÷ |A|, R = |A ∩ E| ÷ |E|, F1 = 2PR ÷ (P + R). 1 when both are empty, 0 when only one is. The details
/// list what is missing (in E only) and extra (in A only). An output with no array there scores 0.
/// </summary>
internal sealed class SetF1Metric : MetricFunction
{
    public SetF1Metric()
        : base("set_f1", MetricFunctionKind.ReferenceBased, "2PR ÷ (P + R) with P = |A ∩ E| ÷ |A|, R = |A ∩ E| ÷ |E| over the arrays as sets",
            [StandardParameters.Pointer("the array to compare")])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var pointer = input.Parameters.Text("pointer");
        if (Pair(input, pointer, out var actualNode, out var expectedNode) is { } missing) return missing;
        if (expectedNode is not JsonArray expectedItems)
        {
            return MetricOutcome.NotApplicable($"the ground truth holds {JsonScalar.Describe(expectedNode)} at \"{pointer}\", not an array");
        }
        if (actualNode is not JsonArray actualItems)
        {
            return MetricOutcome.Failed($"the output holds {JsonScalar.Describe(actualNode)} at \"{pointer}\", not an array");
        }
        var expected = Set(expectedItems);
        var actual = Set(actualItems);
        var details = new JsonObject
        {
            ["missing"] = Listed(expected.Where(e => !actual.ContainsKey(e.Key))),
            ["extra"] = Listed(actual.Where(a => !expected.ContainsKey(a.Key))),
        };
        var common = expected.Keys.Count(actual.ContainsKey);
        // 2PR ÷ (P + R) simplifies to 2|A ∩ E| ÷ (|A| + |E|), which also settles one empty set (0) without dividing by 0.
        var f1 = actual.Count + expected.Count == 0 ? 1 : 2.0 * common / (actual.Count + expected.Count);
        return MetricOutcome.Of(f1, details);
    }

    /// <summary>Each distinct value by its canonical text, keeping the first occurrence to show in the details.</summary>
    private static Dictionary<string, JsonNode?> Set(JsonArray items)
    {
        var set = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var item in items) set.TryAdd(CanonicalValue.Of(item), item);
        return set;
    }

    private static JsonArray Listed(IEnumerable<KeyValuePair<string, JsonNode?>> entries) => [.. entries.Select(e => e.Value?.DeepClone())];
}
