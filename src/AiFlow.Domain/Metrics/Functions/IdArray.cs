using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// Reads an array of ids (chunk ids, document ids) the way the citation and retrieval metrics all do: each item is an id
/// string, a number as written, or an object whose <c>idField</c> holds the id; an id given twice counts once, at its
/// first place, so rank-based metrics see each chunk at the best rank it was retrieved at.
/// </summary>
internal static class IdArray
{
    /// <summary>
    /// The ground truth's ids and the output's, each at the metric's <c>pointer</c> (the ground truth's at
    /// <c>expectedPointer</c> when given) read with its <c>idField</c>; or the outcome when they cannot be compared:
    /// not applicable when the ground truth has no such array, failed when the output's is not one. An output without
    /// the array has named nothing, the same as an empty array.
    /// </summary>
    /// <param name="whenNoneExpected">Given, an empty ground-truth array is not applicable for this reason (before the output is read).</param>
    public static (List<string> Expected, List<string> Actual, MetricOutcome? Outcome) ReadBoth(MetricInput input, string? whenNoneExpected = null)
    {
        var pointer = input.Parameters.Text("pointer");
        var expectedPointer = input.Parameters.OptionalText("expectedPointer") ?? pointer;
        var idField = input.Parameters.OptionalText("idField");
        if (!JsonPointerPath.TryResolve(input.Expected, expectedPointer, out var expectedNode))
        {
            return ([], [], MetricOutcome.NotApplicable(MetricFunction.NothingAt(expectedPointer, inGroundTruth: true)));
        }
        var (expected, expectedProblem) = Read(expectedNode, expectedPointer, idField);
        if (expected is null) return ([], [], MetricOutcome.NotApplicable($"the ground truth {expectedProblem}"));
        if (expected.Count == 0 && whenNoneExpected is not null) return (expected, [], MetricOutcome.NotApplicable(whenNoneExpected));
        var (actual, actualProblem) = JsonPointerPath.TryResolve(input.Actual, pointer, out var actualNode) ? Read(actualNode, pointer, idField) : ([], null);
        return actual is null ? (expected, [], MetricOutcome.Failed($"the output {actualProblem}")) : (expected, actual, null);
    }

    /// <summary>The distinct ids in document order, or what is wrong with the array (said after "the output" or "the ground truth").</summary>
    public static (List<string>? Ids, string? Problem) Read(JsonNode? node, string pointer, string? idField)
    {
        if (node is not JsonArray items) return (null, $"holds {JsonScalar.Describe(node)} at \"{pointer}\", not an array of ids");
        var ids = new List<string>(items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] is JsonObject o && idField is not null ? o[idField] : items[i];
            var id = JsonScalar.StringOf(item) ?? (JsonScalar.NumberOf(item) is not null ? item!.ToJsonString() : null);
            if (id is null)
            {
                var at = pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
                var wanted = idField is null ? "an id string (or set idField for objects)" : $"an id in '{idField}'";
                return (null, $"has {JsonScalar.Describe(items[i])} at \"{at}\" where {wanted} was expected");
            }
            if (seen.Add(id)) ids.Add(id);
        }
        return (ids, null);
    }
}
