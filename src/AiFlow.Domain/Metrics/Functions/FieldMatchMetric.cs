using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>field_precision</c> = matched ÷ output leaves, <c>field_recall</c> = matched ÷ ground-truth leaves and
/// <c>field_f1</c> = 2PR ÷ (P + R), over the JSON leaves of both documents matched by pointer (see
/// <see cref="FieldComparison"/>). All three are 1 when neither side has leaves; F1 is 0 when P and R are.
/// </summary>
internal sealed class FieldMatchMetric : MetricFunction
{
    private readonly Func<FieldComparison, double> score;

    private FieldMatchMetric(string key, string formula, Func<FieldComparison, double> score)
        : base(key, MetricFunctionKind.ReferenceBased, formula,
        [
            new("normalize", MetricParameterType.Bool, false, "Trim strings and compare them ignoring case; default false."),
            new("ignore", MetricParameterType.Array, false, "JSON pointers whose leaves (and leaves below) are skipped, e.g. [\"/id\", \"/meta\"]."),
        ])
    {
        this.score = score;
    }

    public static FieldMatchMetric Precision { get; } = new("field_precision", "matching leaves ÷ output leaves (leaves matched by pointer)", c => c.Precision);

    public static FieldMatchMetric Recall { get; } = new("field_recall", "matching leaves ÷ ground-truth leaves (leaves matched by pointer)", c => c.Recall);

    public static FieldMatchMetric F1 { get; } = new("field_f1", "2PR ÷ (P + R) of field precision P and field recall R", c => c.F1);

    private protected override IEnumerable<string> ValidateValues(JsonObject parameters)
    {
        if (parameters["ignore"] is not JsonArray ignore) yield break;
        for (var i = 0; i < ignore.Count; i++)
        {
            if (JsonScalar.StringOf(ignore[i]) is not { } pointer || !JsonPointerPath.IsValid(pointer))
            {
                yield return $"'ignore' item {i} must be a JSON pointer string such as \"/id\", not {ignore[i]?.ToJsonString() ?? "null"}.";
            }
        }
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var comparison = FieldComparison.Of(input.Actual, input.Expected, input.Parameters.Flag("normalize"), input.Parameters.Texts("ignore"));
        return MetricOutcome.Of(score(comparison), comparison.Details);
    }
}
