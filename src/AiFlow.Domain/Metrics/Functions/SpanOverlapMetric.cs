using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>span_overlap</c> = (Σ length − |∪ [start, start + length)|) ÷ Σ length: the share of the items' total length that
/// lies on another item. 0 for an empty array or zero total length. Lower is better, so an item without its numbers
/// makes the metric not applicable rather than a perfect 0.
/// </summary>
internal sealed class SpanOverlapMetric : MetricFunction
{
    public SpanOverlapMetric()
        : base("span_overlap", MetricFunctionKind.ReferenceFree, "(Σ lengths − |union of spans|) ÷ Σ lengths", Spans.Parameters)
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var (spans, problem) = Spans.Read(input);
        if (spans is null) return MetricOutcome.NotApplicable(problem!);
        var total = spans.TotalLength;
        var union = spans.UnionLength();
        return MetricOutcome.Of(total > 0 ? (total - union) / total : 0, new JsonObject { ["union"] = union, ["total"] = total });
    }
}
