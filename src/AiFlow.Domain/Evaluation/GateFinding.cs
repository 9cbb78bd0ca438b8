namespace AiFlow.Domain.Evaluation;

/// <summary>Why a gate refuses: the step and metric, what the candidate and baseline scored, what was allowed, and the worst cases.</summary>
public sealed record GateFinding(string Step, string? Metric, string Problem, double? Candidate = null, double? Baseline = null, double? Allowed = null,
    IReadOnlyList<Guid>? WorstCases = null, Guid? EvaluationId = null);
