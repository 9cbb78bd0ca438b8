using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>span_coverage</c> = |∪ [start, start + length)| ÷ (max end − min(0, min start)): the share of the range from 0
/// (or an earlier start) to the last end that some item covers. 0 for an empty array or a zero range; 0 with the
/// reason when an item lacks its numbers.
/// </summary>
internal sealed class SpanCoverageMetric : MetricFunction
{
    public SpanCoverageMetric()
        : base("span_coverage", MetricFunctionKind.ReferenceFree, "|union of spans| ÷ (max end − min(0, min start))", Spans.Parameters)
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var (spans, problem) = Spans.Read(input);
        if (spans is null) return MetricOutcome.Failed(problem!);
        if (spans.Count == 0) return MetricOutcome.Of(0, new JsonObject { ["union"] = 0, ["range"] = 0 });
        var union = spans.UnionLength();
        var range = spans.MaxEnd - Math.Min(0, spans.MinStart);
        return MetricOutcome.Of(range > 0 ? union / range : 0, new JsonObject { ["union"] = union, ["range"] = range });
    }
}
