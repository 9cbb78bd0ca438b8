using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>html_wellformed</c> = 1 if the string at <c>pointer</c> is well-formed HTML in the sense of
/// <see cref="HtmlWellFormedness"/> (tags balanced and nested, attributes readable), else 0 with the first problem and
/// its offset in the details. A value that is not a string scores 0.
/// </summary>
internal sealed class HtmlWellformedMetric : MetricFunction
{
    public HtmlWellformedMetric()
        : base("html_wellformed", MetricFunctionKind.ReferenceFree, "1 if every non-void tag at pointer is closed in order, else 0",
            [StandardParameters.Pointer("the HTML string, e.g. \"/html\"")])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var pointer = input.Parameters.Text("pointer");
        if (!JsonPointerPath.TryResolve(input.Actual, pointer, out var value)) return MetricOutcome.Failed(NothingAt(pointer));
        if (JsonScalar.StringOf(value) is not { } html) return MetricOutcome.Failed($"\"{pointer}\" holds {JsonScalar.Describe(value)}, not an HTML string");
        return HtmlWellFormedness.FirstProblem(html) is { } found
            ? MetricOutcome.Of(0, new JsonObject { ["problem"] = found.Problem, ["offset"] = found.Offset })
            : MetricOutcome.Of(1);
    }
}
