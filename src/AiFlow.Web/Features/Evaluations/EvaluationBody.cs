namespace AiFlow.Web.Features.Evaluations;

/// <summary><c>POST /api/evaluations</c>: what to evaluate, on which dataset version, against which baseline, with an optional tag.</summary>
public sealed record EvaluationBody(EvaluationTargetBody? Target, EvaluationVersionBody? Dataset, EvaluationVersionBody? Baseline, string? Tag);
