namespace AiFlow.Web.Features.Evaluations;

/// <summary>One case of an evaluation: the example, its input and expected IR, each side's output and metrics, and the delta on the chosen metric.</summary>
public sealed record EvaluationCaseRow(
    Guid ExampleId, IReadOnlyList<string> Tags, string? InputJson, string? ExpectedIrJson, string? CandidateIrJson, string? BaselineIrJson,
    IReadOnlyDictionary<string, double?> CandidateMetrics, IReadOnlyDictionary<string, double?>? BaselineMetrics, bool Errored, string? Error,
    double? Delta, string? CandidateDetailsJson);
