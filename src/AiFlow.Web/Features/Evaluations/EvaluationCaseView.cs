using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>One evaluated case: its input, expected IR, and each side's IR and metric values.</summary>
public sealed record EvaluationCaseView(Guid ExampleId, IReadOnlyList<string> Tags, JsonNode? Input, JsonNode? Expected, EvaluationCaseSide Candidate,
    EvaluationCaseSide? Baseline, bool Errored, string? Error, double? Delta)
{
    public static EvaluationCaseView Of(EvaluationCaseRow r) => new(r.ExampleId, r.Tags, Node(r.InputJson), Node(r.ExpectedIrJson),
        new EvaluationCaseSide(Node(r.CandidateIrJson), r.CandidateMetrics, Node(r.CandidateDetailsJson)),
        r.BaselineMetrics is null ? null : new EvaluationCaseSide(Node(r.BaselineIrJson), r.BaselineMetrics, null), r.Errored, r.Error, r.Delta);

    private static JsonNode? Node(string? json) => json is null ? null : JsonNode.Parse(json);
}

/// <param name="Details">Per-metric details (e.g. a judge's reasons); the candidate's only.</param>
public sealed record EvaluationCaseSide(JsonNode? Ir, IReadOnlyDictionary<string, double?> Metrics, JsonNode? Details);
