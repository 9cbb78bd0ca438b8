using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Common;
using AiFlow.Web.Features.Runs.View;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>Where a case's candidate IR departs from the expected IR, each place with the expected and the candidate's value.</summary>
public static class CaseDiff
{
    public sealed record Line(string Pointer, JsonDiff.ChangeKind Kind, string Expected, string Candidate);

    /// <summary>The differences, in document order; none when either side is missing or is not JSON (an errored case).</summary>
    public static IReadOnlyList<Line> Of(string? expectedJson, string? candidateJson)
    {
        if (Parse(expectedJson) is not { } expected || Parse(candidateJson) is not { } candidate) return [];
        return [.. JsonDiff.Compare(expected, candidate).Select(c => new Line(c.Pointer.Length == 0 ? "/" : c.Pointer, c.Kind,
            JsonPointerValue.Describe(expectedJson, c.Pointer), JsonPointerValue.Describe(candidateJson, c.Pointer)))];
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
