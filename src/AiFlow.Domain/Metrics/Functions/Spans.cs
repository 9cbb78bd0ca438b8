using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// The half-open intervals [start, start + length) of the items in an array, e.g. the vertical extent of page sections
/// (<c>items</c> = "/sections", <c>start</c> = "top", <c>length</c> = "height").
/// </summary>
internal sealed class Spans
{
    public static IReadOnlyList<MetricParameter> Parameters { get; } =
    [
        new("items", MetricParameterType.Pointer, false, "JSON pointer to the array of items, e.g. \"/sections\"; default \"\", the whole IR."),
        new("start", MetricParameterType.String, true, "The item property holding where a span starts, e.g. \"top\"."),
        new("length", MetricParameterType.String, true, "The item property holding how long a span is, e.g. \"height\"."),
    ];

    private readonly List<(double Start, double End)> intervals;

    private Spans(List<(double Start, double End)> intervals) => this.intervals = intervals;

    public int Count => intervals.Count;

    public double TotalLength => intervals.Sum(s => s.End - s.Start);

    public double MinStart => intervals.Min(s => s.Start);

    public double MaxEnd => intervals.Max(s => s.End);

    /// <summary>The length of the union: the intervals sorted by start and merged where they touch or overlap.</summary>
    public double UnionLength()
    {
        var union = 0.0;
        double? runStart = null;
        var runEnd = 0.0;
        foreach (var (start, end) in intervals.OrderBy(s => s.Start))
        {
            if (runStart is null || start > runEnd)
            {
                union += runEnd - (runStart ?? runEnd);
                (runStart, runEnd) = (start, end);
            }
            else runEnd = Math.Max(runEnd, end);
        }
        return union + runEnd - (runStart ?? runEnd);
    }

    /// <summary>The spans of the output, or why they cannot be read: no array there, or an item without numbers.</summary>
    public static (Spans? Spans, string? Problem) Read(MetricInput input)
    {
        var pointer = input.Parameters.Text("items");
        var startName = input.Parameters.Text("start");
        var lengthName = input.Parameters.Text("length");
        if (!JsonPointerPath.TryResolve(input.Actual, pointer, out var node)) return (null, MetricFunction.NothingAt(pointer));
        if (node is not JsonArray items) return (null, $"\"{pointer}\" holds {JsonScalar.Describe(node)}, not an array of items");
        var intervals = new List<(double, double)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var start = JsonScalar.NumberOf((items[i] as JsonObject)?[startName]);
            var length = JsonScalar.NumberOf((items[i] as JsonObject)?[lengthName]);
            if (start is null || length is not >= 0 || !double.IsFinite(start.Value + length.Value))
            {
                var at = pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
                return (null, $"item \"{at}\" needs a number '{startName}' and a number '{lengthName}' of at least 0");
            }
            intervals.Add((start.Value, start.Value + length.Value));
        }
        return (new Spans(intervals), null);
    }
}
