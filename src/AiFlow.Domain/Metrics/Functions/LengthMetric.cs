using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>length</c> of the value at <c>pointer</c>: a string's characters (<c>unit</c> = chars, counted as a reader sees
/// them, so "é" or an emoji is one) or words (runs of non-space), or an array's items. Without <c>unit</c>, strings count
/// chars and arrays items. A unit that does not fit the value, or a value that is neither, gives 0 with the reason.
/// </summary>
internal sealed class LengthMetric : MetricFunction
{
    private static readonly string[] Units = ["chars", "words", "items"];

    public LengthMetric()
        : base("length", MetricFunctionKind.ReferenceFree, "characters or words of a string, or items of an array",
        [
            StandardParameters.Pointer("the string or array to measure"),
            new("unit", MetricParameterType.String, false, "chars, words or items; default chars for a string and items for an array."),
        ])
    {
    }

    private protected override IEnumerable<string> ValidateValues(JsonObject parameters)
    {
        if (parameters.OptionalText("unit") is { } unit && !Units.Contains(unit))
        {
            yield return $"'unit' must be chars, words or items, not \"{unit}\".";
        }
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var pointer = input.Parameters.Text("pointer");
        if (!JsonPointerPath.TryResolve(input.Actual, pointer, out var value)) return MetricOutcome.Failed(NothingAt(pointer));
        var unit = input.Parameters.OptionalText("unit");
        return (value, JsonScalar.StringOf(value), unit) switch
        {
            (JsonArray items, _, null or "items") => MetricOutcome.Of(items.Count),
            (_, { } text, null or "chars") => MetricOutcome.Of(new StringInfo(text).LengthInTextElements),
            (_, { } text, "words") => MetricOutcome.Of(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length),
            _ => MetricOutcome.Failed($"\"{pointer}\" holds {JsonScalar.Describe(value)}, which has no length in {unit ?? "chars or items"}"),
        };
    }
}
